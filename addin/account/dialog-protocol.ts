/**
 * What the sign-in dialog page (addin/auth/sign-in-dialog.ts) and the pane's dialog fallback
 * (dialog-sign-in.ts) say to each other: the scope sets the pane asks for, in the page's query, and the
 * tokens (or the failure) the page sends back with Office.context.ui.messageParent, as JSON.
 */

export interface DialogToken {
  scopes: string[];
  accessToken: string;
  /** Epoch milliseconds. */
  expiresOn: number;
}

export type DialogSignInMessage = { status: 'success'; tokens: DialogToken[] } | { status: 'failure'; errorCode: string; message: string };

export function dialogStartUrl(pageUrl: string, scopeSets: readonly string[][]): string {
  return `${pageUrl}?scopes=${encodeURIComponent(JSON.stringify(scopeSets))}`;
}

/** The scope sets from the page's query; null when absent or not a list of lists of strings. */
export function scopeSetsFromQuery(search: string): string[][] | null {
  const raw = new URLSearchParams(search).get('scopes');
  if (!raw) return null;
  try {
    const sets: unknown = JSON.parse(raw);
    const valid = Array.isArray(sets) && sets.length > 0 && sets.every((s) => Array.isArray(s) && s.length > 0 && s.every((x) => typeof x === 'string'));
    return valid ? (sets as string[][]) : null;
  } catch {
    return null;
  }
}

/** A message from the dialog, or null when it is not one of ours. */
export function parseDialogMessage(raw: string): DialogSignInMessage | null {
  try {
    const m = JSON.parse(raw) as Partial<DialogSignInMessage>;
    if (m.status === 'success' && Array.isArray(m.tokens) && m.tokens.every((t) => typeof t?.accessToken === 'string' && Array.isArray(t.scopes)))
      return m as DialogSignInMessage;
    if (m.status === 'failure') return { status: 'failure', errorCode: String(m.errorCode ?? 'unknown'), message: String(m.message ?? '') };
  } catch {
    // not JSON: not ours
  }
  return null;
}

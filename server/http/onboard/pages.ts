/**
 * The service's browser pages (onboarding here; the operator page builds on htmlPage): plain HTML with Fluent's
 * look (Segoe UI, the brand blue, 4 px corners) and no inline script, so they need nothing from the add-in's bundle
 * and work under the service's strict CSP. Every value is escaped.
 */
import type { GraphPermission } from '../../domain/graph-permissions';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

const STYLE = `
  body { margin: 0; font-family: 'Segoe UI', system-ui, -apple-system, sans-serif; background: #f5f5f5; color: #242424; }
  main { max-width: 640px; margin: 48px auto; background: #fff; border-radius: 8px; padding: 32px 40px;
         box-shadow: 0 2px 4px rgba(0,0,0,.14), 0 0 2px rgba(0,0,0,.12); }
  h1 { font-size: 24px; font-weight: 600; margin: 0 0 12px; }
  p, li { font-size: 14px; line-height: 20px; }
  ul { padding-left: 20px; } li { margin: 6px 0; }
  code { font-family: Consolas, monospace; background: #f0f0f0; padding: 1px 4px; border-radius: 4px; }
  a.button { display: inline-block; background: #0f6cbd; color: #fff; text-decoration: none; padding: 6px 20px;
             border-radius: 4px; font-weight: 600; font-size: 14px; line-height: 20px; margin-top: 8px; }
  a.button:hover { background: #115ea3; } a.button:focus-visible { outline: 2px solid #242424; outline-offset: 2px; }
  .note { color: #616161; font-size: 12px; }
  .problem { border-left: 4px solid #c50f1f; padding-left: 12px; }
  .done { border-left: 4px solid #107c10; padding-left: 12px; }`;

/** A page in the service's look; `extra` adds style rules and head elements (the operator page's script). */
export function htmlPage(title: string, body: string, extra: { style?: string; head?: string } = {}): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · CalSync</title><style>${STYLE}${extra.style ?? ''}</style>${extra.head ?? ''}</head>
<body><main>${body}</main></body></html>`;
}

export function startPage(consentUrl: string, permissions: readonly GraphPermission[]): string {
  const items = permissions.map((p) => `<li><code>${escapeHtml(p.name)}</code> — ${escapeHtml(p.why)}</li>`).join('');
  return htmlPage(
    'Sign your organisation up',
    `<h1>Sign your organisation up for CalSync</h1>
<p>CalSync colours your organisation's Outlook calendars by rules your admins write: every matching event in every
enrolled mailbox gets an Outlook category, so the colour shows in Outlook on the web, Windows, Mac and mobile.</p>
<p>A global administrator (or a privileged role administrator) of your Microsoft 365 organisation consents once, for
everyone. CalSync asks Microsoft Graph for these application permissions:</p>
<ul>${items}</ul>
<p>CalSync changes only categories. Nobody's calendar is coloured until an admin enrols mailboxes in CalSync's Admin tab.</p>
<a class="button" href="${escapeHtml(consentUrl)}">Continue to Microsoft to consent</a>
<p class="note">You will sign in with Microsoft and review the same permissions there. This link works for 10 minutes
in this browser.</p>`,
  );
}

export function donePage(input: { organisation: string; trialEnds?: string; manifestUrl: string; settingsCreated: boolean }): string {
  const trial = input.trialEnds ? ` Your trial runs until ${escapeHtml(input.trialEnds)}.` : '';
  return htmlPage(
    'Welcome to CalSync',
    `<div class="done"><h1>${escapeHtml(input.organisation)} uses CalSync now</h1>
<p>Consent worked: CalSync can reach your organisation's calendars.${trial}</p></div>
<p>Two steps remain:</p>
<ol>
<li><p><strong>Deploy the add-in</strong> to your people: in the Microsoft 365 admin center, <em>Settings → Integrated
apps → Upload custom apps</em>, with the manifest at <a href="${escapeHtml(input.manifestUrl)}">${escapeHtml(input.manifestUrl)}</a>.</p></li>
<li><p><strong>Open CalSync's Admin tab</strong> in Outlook: check your internal domains${input.settingsCreated ? ' (filled in from your verified domains)' : ''},
choose whose mailboxes are coloured, and write your first rules.</p></li>
</ol>`,
  );
}

export function problemPage(title: string, message: string, retryUrl: string): string {
  return htmlPage(
    title,
    `<div class="problem"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></div>
<a class="button" href="${escapeHtml(retryUrl)}">Start again</a>`,
  );
}

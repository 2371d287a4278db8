/**
 * What the sync logs about an error: its kind and status, never its message or body, which can carry mailbox
 * addresses, event subjects or request URLs (personal data) and, from token endpoints, secrets.
 */
export interface SafeError {
  name: string;
  status?: number;
  code?: string;
}

export function safeError(error: unknown): SafeError {
  if (!error || typeof error !== 'object') return { name: typeof error };
  const e = error as { name?: unknown; statusCode?: unknown; status?: unknown; code?: unknown };
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.status === 'number' ? e.status : undefined;
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    ...(status !== undefined ? { status } : {}),
    // Codes are short identifiers (StoreError 'etag_mismatch', Graph 'ErrorItemNotFound'); anything else is dropped.
    ...(typeof e.code === 'string' && /^[A-Za-z_]{1,64}$/.test(e.code) ? { code: e.code } : {}),
  };
}

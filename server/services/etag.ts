import { createHash } from 'node:crypto';
import { preconditionFailed, preconditionRequired } from '../domain/errors';

/** A store etag in HTTP form (a quoted string); Cosmos' emulator returns them unquoted. */
export function httpEtag(raw: string): string {
  return raw.startsWith('"') ? raw : `"${raw}"`;
}

/**
 * Checks an If-Match header against the current store etag: missing (or `*`) → 428, no match → 412.
 * Weak validators never match (RFC 9110 strong comparison).
 */
export function checkIfMatch(header: string | undefined, currentRaw: string): void {
  if (header === undefined || header.trim() === '' || header.trim() === '*') throw preconditionRequired();
  const current = httpEtag(currentRaw);
  const candidates = header.split(',').map((s) => s.trim());
  if (!candidates.some((c) => c === current || (!c.startsWith('"') && !c.startsWith('W/') && `"${c}"` === current))) throw preconditionFailed();
}

export function requireIfMatch(header: string | undefined): string {
  if (header === undefined || header.trim() === '' || header.trim() === '*') throw preconditionRequired();
  return header;
}

/**
 * The ETag of a whole rule set: a digest of its rules' ids and etags, so it changes with any create, edit, delete or
 * reorder in the set. A restore sends it as If-Match (docs/API.md, "Rule-set versions").
 */
export function ruleSetEtag(rules: ReadonlyArray<{ id: string; etag: string }>): string {
  const digest = createHash('sha256');
  for (const r of rules) digest.update(`${r.id}\n${r.etag}\n`);
  return `"set-${digest.digest('base64url').slice(0, 32)}"`;
}

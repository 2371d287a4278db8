import { createHash, randomBytes } from 'node:crypto';

export function newEtag(): string {
  return `"${randomBytes(12).toString('base64url')}"`;
}

/** Identifies the listing a cursor belongs to (tenant, set, filters). */
export function cursorScope(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

/** Opaque keyset cursor: base64url JSON of the last key seen and the listing it continues. */
export function encodeCursor(lastKey: string, scope: string): string {
  return Buffer.from(JSON.stringify({ f: scope, k: lastKey }), 'utf8').toString('base64url');
}

export function decodeCursor(token: string, scope: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { f?: unknown; k?: unknown };
    return parsed.f === scope && typeof parsed.k === 'string' ? parsed.k : undefined;
  } catch {
    return undefined;
  }
}

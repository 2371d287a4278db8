import { randomBytes } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// One randomBytes call per 64 KiB of ids: generating 100k events spends its time on events, not syscalls.
let pool = randomBytes(65_536);
let poolOffset = 0;

function take(length: number): Buffer {
  if (poolOffset + length > pool.length) {
    pool = randomBytes(65_536);
    poolOffset = 0;
  }
  const slice = pool.subarray(poolOffset, poolOffset + length);
  poolOffset += length;
  return slice;
}

const alphabetCodes = Buffer.from(alphabet, 'latin1');

/** Alphanumeric only, so `_` can separate a series id from an occurrence's original start. */
function alnum(length: number): string {
  const bytes = take(length);
  // Mapped in a buffer and decoded once: a change key per PATCH, and `+=` per character made 20 strings each.
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) out[i] = alphabetCodes[(bytes[i] as number) % alphabet.length] as number;
  return out.toString('latin1');
}

/** Outlook item ids start with AAMk; the rest is opaque to clients. */
export const newEventId = (): string => `AAMkAGI${alnum(40)}AAA`;
export const newChangeKey = (): string => `DwAAABYAAAA${alnum(20)}`;
export const newCategoryId = (): string => {
  const hex = take(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
export const newICalUId = (): string => `040000008200E00074C5B7101A82E008000000${take(28).toString('hex').toUpperCase()}`;
export const newUserId = (): string => newCategoryId();

export function occurrenceId(seriesMasterId: string, originalStartLocal: string): string {
  return `${seriesMasterId}_${originalStartLocal.replace(/[-:]/g, '')}`;
}

/** Returns the series id and the original local start ('YYYY-MM-DDTHH:mm:ss') of an occurrence id. */
export function parseOccurrenceId(id: string): { seriesMasterId: string; originalStartLocal: string } | null {
  const match = /^([A-Za-z0-9]+)_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(id);
  if (!match) return null;
  const [, master, y, mo, d, h, mi, s] = match;
  return { seriesMasterId: master as string, originalStartLocal: `${y}-${mo}-${d}T${h}:${mi}:${s}` };
}

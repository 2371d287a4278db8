/** What the pane and the CLI must never show a person: the rule model's raw identifiers. */
import { FIELD_NAMES, FIELDS, OPS_BY_TYPE } from '../../shared';

/**
 * Identifiers of the model that are also plain English and may appear in what a person reads. Kept by hand on
 * purpose: a new enum value or operator is raw until someone decides it reads as English (and adds it here).
 */
export const ENGLISH: ReadonlySet<string> = new Set([
  'subject',
  'body',
  'location',
  'organizer',
  'categories',
  'contains',
  'matches',
  'between',
  'is',
  'before',
  'after',
  'free',
  'tentative',
  'busy',
  'none',
  'accepted',
  'declined',
  'normal',
  'personal',
  'private',
  'confidential',
  'low',
  'high',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);

/** Every identifier of the model: field names, operator codes, enum values. */
function modelIdentifiers(): Set<string> {
  const ids = new Set<string>(FIELD_NAMES);
  for (const ops of Object.values(OPS_BY_TYPE)) ops.forEach((op) => ids.add(op));
  for (const f of FIELD_NAMES) (FIELDS[f] as { values?: readonly string[] }).values?.forEach((v) => ids.add(v));
  return ids;
}

/**
 * What a screen must never show: a camelCase token, a preset id, or a model identifier that is not itself an
 * English word of its own rendering ("contains" renders as "contains", "oof" must not appear at all).
 */
export function rawTokensIn(text: string, allowedWords: ReadonlySet<string> = ENGLISH): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\b[a-z]+[A-Z]\w*\b/g)) found.push(m[0]);
  for (const m of text.matchAll(/\bpreset\d+\b/gi)) found.push(m[0]);
  const words = new Set(text.split(/[^A-Za-z0-9:]+/).filter(Boolean));
  for (const id of modelIdentifiers()) if (words.has(id) && !allowedWords.has(id)) found.push(id);
  return found;
}

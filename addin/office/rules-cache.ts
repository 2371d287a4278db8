/**
 * The effective rules, cached in the mailbox's roaming settings so the compose-time handler can stamp
 * without a network call or a token. The task pane refreshes it after every load and save. Versioned: a
 * cache from another format is ignored (never an error: a missing cache just means no stamping).
 */
import type { Rule } from '../../shared/schema';
import { officeCall } from './office-call';

export const RULES_CACHE_KEY = 'calsync.effectiveRules';
export const RULES_CACHE_VERSION = 1;
/** Roaming settings hold 32 KB in all; leave room for anything else stored there. */
export const RULES_CACHE_MAX_CHARS = 28_000;

export interface RulesCache {
  v: typeof RULES_CACHE_VERSION;
  savedAt: string;
  internalDomains: string[];
  rules: Rule[];
}

function settings(): Office.RoamingSettings | undefined {
  // Roaming settings live on Office.context, beside the mailbox; both runtimes (pane and events) see them.
  return typeof Office !== 'undefined' ? (Office.context?.roamingSettings ?? undefined) : undefined;
}

function looksLikeRule(r: unknown): r is Rule {
  const x = r as Rule;
  return !!x && typeof x.id === 'string' && typeof x.when === 'object' && typeof x.then?.category === 'string';
}

export function readRulesCache(): RulesCache | null {
  const raw = settings()?.get(RULES_CACHE_KEY) as unknown;
  if (typeof raw !== 'string') return null;
  try {
    const parsed = JSON.parse(raw) as Partial<RulesCache>;
    if (parsed.v !== RULES_CACHE_VERSION || !Array.isArray(parsed.rules) || !parsed.rules.every(looksLikeRule)) return null;
    return { v: RULES_CACHE_VERSION, savedAt: String(parsed.savedAt ?? ''), internalDomains: parsed.internalDomains ?? [], rules: parsed.rules };
  } catch {
    return null;
  }
}

export type CacheWriteOutcome = 'saved' | 'unchanged' | 'too_large' | 'unavailable';

/**
 * Saves the effective rules; a rule set too big for roaming settings clears the cache rather than truncating
 * it. Saving is a round trip to the mailbox, so an unchanged rule set is not saved again.
 */
export async function writeRulesCache(rules: readonly Rule[], internalDomains: readonly string[], now = new Date()): Promise<CacheWriteOutcome> {
  const store = settings();
  if (!store) return 'unavailable';
  const compact: Rule[] = rules.map(({ id, name, scope, enabled, order, when, then }) => ({ id, name, scope, enabled, order, when, then }));
  const current = readRulesCache();
  if (current && JSON.stringify([current.internalDomains, current.rules]) === JSON.stringify([internalDomains, compact])) return 'unchanged';
  const json = JSON.stringify({ v: RULES_CACHE_VERSION, savedAt: now.toISOString(), internalDomains, rules: compact });
  const tooLarge = json.length > RULES_CACHE_MAX_CHARS;
  if (tooLarge) store.remove(RULES_CACHE_KEY);
  else store.set(RULES_CACHE_KEY, json);
  await officeCall<void>('roamingSettings.saveAsync', (cb) => store.saveAsync(cb));
  return tooLarge ? 'too_large' : 'saved';
}

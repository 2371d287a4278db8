/**
 * The effective rules, cached in the mailbox's roaming settings so the compose-time handler can stamp
 * without a network call or a token. The task pane refreshes it after every load and save. Versioned: a
 * cache from another format is ignored (never an error: a missing cache just means no stamping).
 *
 * Outlook allows 32 KB of characters for all of an add-in's roaming settings, counted as they are stored:
 * serialized to JSON, so the cache (itself a JSON string) is measured after its quotes are escaped. Over the
 * limit, saveAsync fails with 9057 "Size Limit Exceeded" and the mailbox keeps the previous settings.
 * https://learn.microsoft.com/office/dev/add-ins/outlook/limits-for-activation-and-javascript-api-for-outlook-add-ins
 * https://learn.microsoft.com/office/dev/add-ins/reference/javascript-api-for-office-error-codes (9057)
 */
import type { Rule } from '../../shared/schema';
import { rulesWithoutPatterns } from '../launchevent/pattern-rules';
import { officeCall } from './office-call';
import { isOfficeAdapterError } from './office-errors';

export const RULES_CACHE_KEY = 'calsync.effectiveRules';
export const RULES_CACHE_VERSION = 1;
/** Roaming settings hold 32 KB of serialized characters in all; the cache leaves room for anything else stored there. */
export const RULES_CACHE_MAX_CHARS = 28_000;

export interface RulesCache {
  v: typeof RULES_CACHE_VERSION;
  savedAt: string;
  internalDomains: string[];
  rules: Rule[];
  /** How many of the handler's rules did not fit (the last in evaluation order); 0 when all are here. */
  omitted: number;
  /** Not even the first rule fitted: the handler must do nothing rather than stamp from older rules. */
  tooLarge: boolean;
}

function settings(): Office.RoamingSettings | undefined {
  // Roaming settings live on Office.context, beside the mailbox; both runtimes (pane and events) see them.
  return typeof Office !== 'undefined' ? (Office.context?.roamingSettings ?? undefined) : undefined;
}

/** The characters a setting takes once Outlook serializes the settings (its value's quotes escaped). */
export function storedSize(key: string, value: unknown): number {
  return JSON.stringify({ [key]: value }).length;
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
    return {
      v: RULES_CACHE_VERSION,
      savedAt: String(parsed.savedAt ?? ''),
      internalDomains: parsed.internalDomains ?? [],
      rules: parsed.rules,
      omitted: typeof parsed.omitted === 'number' ? parsed.omitted : 0,
      tooLarge: parsed.tooLarge === true,
    };
  } catch {
    return null;
  }
}

/** 'partial': only the first rules the handler evaluates fitted; 'too_large': not even those, a marker was stored. */
export type CacheWriteOutcome = 'saved' | 'partial' | 'unchanged' | 'too_large' | 'unavailable';

type CacheContent = Omit<RulesCache, 'v' | 'savedAt'>;

function serialize(content: CacheContent, savedAt: string): string {
  return JSON.stringify({ v: RULES_CACHE_VERSION, savedAt, ...content });
}

function fits(content: CacheContent, savedAt: string): boolean {
  return storedSize(RULES_CACHE_KEY, serialize(content, savedAt)) <= RULES_CACHE_MAX_CHARS;
}

/**
 * What to store: every rule when they fit; else only what the handler evaluates (enabled, no RE2 pattern, up to a
 * pattern rule that stops), as the longest prefix in evaluation order that fits. A prefix can only drop categories
 * that later rules would add, never add one (the sync adds the rest). No rule fitting gives the too-large marker.
 */
function contentToStore(rules: readonly Rule[], internalDomains: readonly string[], savedAt: string): CacheContent {
  const domains = [...internalDomains];
  const all: CacheContent = { internalDomains: domains, rules: [...rules], omitted: 0, tooLarge: false };
  if (fits(all, savedAt)) return all;
  const needed = rulesWithoutPatterns(rules);
  const prefix = (n: number): CacheContent => ({ internalDomains: domains, rules: needed.slice(0, n), omitted: needed.length - n, tooLarge: false });
  let [low, high] = [0, needed.length]; // the longest fitting prefix has length in [low, high]
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(prefix(mid), savedAt)) low = mid;
    else high = mid - 1;
  }
  return low > 0 ? prefix(low) : tooLargeMarker();
}

function tooLargeMarker(): CacheContent {
  return { internalDomains: [], rules: [], omitted: 0, tooLarge: true };
}

function sameContent(current: RulesCache | null, next: CacheContent): boolean {
  if (!current) return false;
  const { v: _v, savedAt: _s, ...stored } = current;
  return JSON.stringify(stored) === JSON.stringify(next);
}

function outcomeOf(content: CacheContent): CacheWriteOutcome {
  return content.tooLarge ? 'too_large' : content.omitted > 0 ? 'partial' : 'saved';
}

/**
 * Saves the effective rules, fitted to what roaming settings hold (see contentToStore). Saving is a round trip
 * to the mailbox, so unchanged content is not saved again. If Outlook still refuses the size (other settings
 * took the room), the marker replaces the cache, so the handler does not go on with the previous rules.
 */
export async function writeRulesCache(rules: readonly Rule[], internalDomains: readonly string[], now = new Date()): Promise<CacheWriteOutcome> {
  const store = settings();
  if (!store) return 'unavailable';
  const compact: Rule[] = rules.map(({ id, name, scope, enabled, order, when, then }) => ({ id, name, scope, enabled, order, when, then }));
  const savedAt = now.toISOString();
  const content = contentToStore(compact, internalDomains, savedAt);
  if (sameContent(readRulesCache(), content)) return 'unchanged';
  store.set(RULES_CACHE_KEY, serialize(content, savedAt));
  try {
    await officeCall<void>('roamingSettings.saveAsync', (cb) => store.saveAsync(cb));
    return outcomeOf(content);
  } catch (err) {
    if (!isOfficeAdapterError(err) || err.code !== 'too_large' || content.tooLarge) throw err;
    store.set(RULES_CACHE_KEY, serialize(tooLargeMarker(), savedAt));
    await officeCall<void>('roamingSettings.saveAsync', (cb) => store.saveAsync(cb));
    return 'too_large';
  }
}

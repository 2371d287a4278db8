/**
 * What a round is evaluated under: the effective rules, the tenant settings and the window. Its hash is
 * stored with the deltaLink; when it changes, the next round reads the whole window so every event is
 * evaluated again under the new rules.
 */
import { createHash } from 'node:crypto';
import { categoryKey, compileRuleSet, DEFAULT_SYNC_WINDOW, GRAPH_CALENDAR_VIEW_MAX_DAYS, type CompiledRuleSet, type Rule } from '../../shared';
import type { SyncWindow, TenantSettings } from '../store/types';
import type { CategoryPolicy, CategoryWant } from './master-categories';

/** The settings the sync reads; the Rules API's TenantSettings satisfy it. */
export type SyncSettings = Pick<TenantSettings, 'internalDomains' | 'categoryPolicy'> & { syncWindowDays?: SyncWindow };

export interface EffectiveRules {
  /** The user's effective set (storeRulesLoader builds it with shared's effectiveRules); the engine evaluates only its enabled rules, in order. */
  rules: Rule[];
  settings: SyncSettings;
}

export interface RoundConfig {
  ruleSet: CompiledRuleSet;
  window: SyncWindow;
  hash: string;
  /** Categories the rules name, with the colour of the first rule naming each. */
  wanted: CategoryWant[];
  categoryPolicy: CategoryPolicy;
}

/** What a round's config keeps apart from the day: compiled once per effective set and mailbox. */
interface Compiled {
  ruleSet: CompiledRuleSet;
  window: SyncWindow;
  /** What the hash covers besides the window's first day. */
  hashed: { v: number; rules: unknown[]; internalDomains: string[]; window: SyncWindow };
  /** The hash for the last first day asked for: it changes once a day, the rules' JSON need not be made each round. */
  lastHash?: { from: string; hash: string };
  wanted: CategoryWant[];
}

/**
 * Compiled sets by the effective set they came from (storeRulesLoader hands the same object back while the rules,
 * settings and groups stay the same) and the mailbox: compiling and hashing the rules on every round was a fixed
 * cost of each round. Weak: a set the loader let go goes with its compilations.
 */
const compiledSets = new WeakMap<EffectiveRules, Map<string, Compiled>>();

function compile(effective: EffectiveRules, mailboxAddress: string): Compiled {
  let byMailbox = compiledSets.get(effective);
  if (!byMailbox) compiledSets.set(effective, (byMailbox = new Map()));
  const known = byMailbox.get(mailboxAddress);
  if (known) return known;
  const window = effective.settings.syncWindowDays ?? DEFAULT_SYNC_WINDOW;
  const internalDomains = [...effective.settings.internalDomains].map((d) => d.toLowerCase()).sort();
  const ruleSet = compileRuleSet(effective.rules, { internalDomains, mailbox: mailboxAddress });
  // The hash and the wanted categories follow exactly the rules the engine evaluates, in its order.
  const enabled = ruleSet.rules;
  const hashed = {
    v: 1,
    rules: enabled.map((r) => ({ id: r.id, scope: r.scope, order: r.order, when: r.when, then: r.then })),
    internalDomains,
    window,
  };
  const wanted: CategoryWant[] = [];
  const seen = new Set<string>();
  for (const r of enabled) {
    const key = categoryKey(r.then.category);
    if (seen.has(key)) continue;
    seen.add(key);
    wanted.push({ name: r.then.category, color: r.then.color, org: r.scope === 'org' });
  }
  const compiled: Compiled = { ruleSet, window, hashed, wanted };
  byMailbox.set(mailboxAddress, compiled);
  return compiled;
}

export function roundConfig(effective: EffectiveRules, mailboxAddress: string, now: Date): RoundConfig {
  const compiled = compile(effective, mailboxAddress);
  const { ruleSet, window, wanted } = compiled;
  // The window's first day is part of it: a deltaLink keeps the window it was made with, so the first round
  // of each day reads the slid window in full (evaluation comes from the mirror: no writes unless needed).
  const from = windowBounds(window, now).start.toISOString();
  if (compiled.lastHash?.from !== from) {
    const hash = createHash('sha256')
      .update(JSON.stringify({ ...compiled.hashed, from }))
      .digest('base64url');
    compiled.lastHash = { from, hash };
  }
  return {
    ruleSet,
    window,
    hash: compiled.lastHash.hash,
    wanted: wanted.map((w) => ({ ...w })),
    categoryPolicy: effective.settings.categoryPolicy ?? 'enforce',
  };
}

export function windowBounds(window: SyncWindow, now: Date): { start: Date; end: Date } {
  const day = 86_400_000;
  // Whole UTC days, so rounds on the same day ask for the same window.
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = today - window.past * day;
  // Settings validation keeps the window within Graph's calendarView limit; a stored window from elsewhere (an
  // older release, a seed) is cut at the far end rather than have every delta request refused with a 400.
  const end = Math.min(today + (window.future + 1) * day, start + GRAPH_CALENDAR_VIEW_MAX_DAYS * day);
  return { start: new Date(start), end: new Date(end) };
}

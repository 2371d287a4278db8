/**
 * What the compose-time handler does, without Office's event plumbing: snapshot the item, evaluate the
 * cached rules with the shared engine, add the missing categories. Kept free of React and of the API client.
 */
import { compileRuleSet } from '../../shared/rule-set';
import { fromOfficeSnapshot, type OfficeAppointmentSnapshot } from '../../shared/normalize-office';
import { instantToWall } from '../../shared/time';
import { readAppointmentSnapshot } from '../office/appointment-snapshot';
import { applyCategories, type ApplyResult } from '../office/categories';
import { canUseCategoriesWhileComposing } from '../office/compose-categories';
import type { AppointmentItem } from '../office/mailbox';
import { readRulesCache } from '../office/rules-cache';
import { rulesWithout, usesPattern, usesTimeOfDay } from './pattern-rules';

export type StampOutcome =
  /** This Outlook refuses categories while composing; the sync stamps the event once it is saved. */
  | { kind: 'left_to_sync' }
  | { kind: 'no_cache' }
  /** The rules did not fit roaming settings: stamping from older rules would be wrong, so nothing is done. */
  | { kind: 'cache_too_large' }
  | { kind: 'nothing_matched' }
  | { kind: 'stamped'; result: ApplyResult };

/** Whether the event's local time can be known here: the zone resolves and this runtime can convert to it. */
function zoneResolves(snapshot: OfficeAppointmentSnapshot): boolean {
  return !!snapshot.timeZone && instantToWall(new Date(snapshot.start), snapshot.timeZone) !== null;
}

export async function stampComposeItem(item: AppointmentItem, mailbox?: string): Promise<StampOutcome> {
  if (!canUseCategoriesWhileComposing()) return { kind: 'left_to_sync' };
  const cache = readRulesCache();
  if (cache?.tooLarge) {
    console.warn('CalSync: the rules are too large for the compose-time cache; the background sync colours this event');
    return { kind: 'cache_too_large' };
  }
  if (!cache || cache.rules.length === 0) return { kind: 'no_cache' };
  const snapshot = await readAppointmentSnapshot(item);
  const timeKnown = zoneResolves(snapshot);
  if (!timeKnown && cache.rules.some((r) => r.enabled && usesTimeOfDay(r.when))) {
    // Without the zone the engine would read the event's time in UTC (the JavaScript-only runtime may lack Intl).
    console.warn(`CalSync: the time zone "${snapshot.timeZone ?? ''}" cannot be resolved here; rules on the day or time are left to the background sync`);
  }
  const rules = rulesWithout(cache.rules, (c) => usesPattern(c) || (!timeKnown && usesTimeOfDay(c)));
  if (rules.length === 0) return { kind: 'nothing_matched' };
  // Closures, not generated code: the event runtime's CSP is the host's, not ours.
  const ruleSet = compileRuleSet(rules, { internalDomains: cache.internalDomains, mailbox }, { generated: false });
  const categories = ruleSet.categoriesFor(fromOfficeSnapshot(snapshot));
  if (categories.length === 0) return { kind: 'nothing_matched' };
  const wanted = categories.map((name) => ({ name, color: ruleSet.colorOf(name) ?? 'preset0' }));
  return { kind: 'stamped', result: await applyCategories(item, wanted) };
}

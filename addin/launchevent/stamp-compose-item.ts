/**
 * What the compose-time handler does, without Office's event plumbing: snapshot the item, evaluate the
 * cached rules with the shared engine, add the missing categories. Kept free of React and of the API client.
 */
import { compileRuleSet } from '../../shared/rule-set';
import { fromOfficeSnapshot } from '../../shared/normalize-office';
import { readAppointmentSnapshot } from '../office/appointment-snapshot';
import { applyCategories, type ApplyResult } from '../office/categories';
import { canUseCategoriesWhileComposing } from '../office/compose-categories';
import type { AppointmentItem } from '../office/mailbox';
import { readRulesCache } from '../office/rules-cache';
import { rulesWithoutPatterns } from './pattern-rules';

/** `left_to_sync`: this Outlook refuses categories while composing; the sync stamps the event once it is saved. */
export type StampOutcome = { kind: 'left_to_sync' } | { kind: 'no_cache' } | { kind: 'nothing_matched' } | { kind: 'stamped'; result: ApplyResult };

export async function stampComposeItem(item: AppointmentItem, mailbox?: string): Promise<StampOutcome> {
  if (!canUseCategoriesWhileComposing()) return { kind: 'left_to_sync' };
  const cache = readRulesCache();
  if (!cache || cache.rules.length === 0) return { kind: 'no_cache' };
  const rules = rulesWithoutPatterns(cache.rules);
  if (rules.length === 0) return { kind: 'nothing_matched' };
  // Closures, not generated code: the event runtime's CSP is the host's, not ours.
  const ruleSet = compileRuleSet(rules, { internalDomains: cache.internalDomains, mailbox }, { generated: false });
  const event = fromOfficeSnapshot(await readAppointmentSnapshot(item));
  const categories = ruleSet.categoriesFor(event);
  if (categories.length === 0) return { kind: 'nothing_matched' };
  const wanted = categories.map((name) => ({ name, color: ruleSet.colorOf(name) ?? 'preset0' }));
  return { kind: 'stamped', result: await applyCategories(item, wanted) };
}

/**
 * The categories the editor's picker offers: the organisation rules' categories, then the mailbox's master list
 * (as Outlook's Categorize menu shows it), one entry per category (names compare as Outlook compares them).
 * And the clash to warn about: a category that exists already keeps the colour it has there, whatever the draft says.
 */
import { useEffect, useMemo, useState } from 'react';
import { categoryKey } from '../../../shared/category-key';
import type { PresetId } from '../../../shared/colors';
import type { ApiRule } from '../../api/api-types';
import type { MailboxCategory } from '../../office/mailbox-categories';
import type { TaskpaneServices } from '../services';
import type { RuleForm } from './rule-form';

export interface ExistingCategory {
  name: string;
  color: PresetId | undefined;
  /** 'org': an organisation rule gives it (its colour is stamped everywhere); 'mailbox': only this mailbox's list has it. */
  source: 'org' | 'mailbox';
  /** The org rule that sets the colour (the first in evaluation order, as the sync picks it). */
  ruleId?: string;
  /**
   * A mailbox category one of the person's own rules names: CalSync may have created it, and then recolours it with
   * the rule (server/sync/master-categories.ts), so a new colour there is no clash.
   */
  ownRule?: boolean;
}

export function mergeCategories(orgRules: readonly ApiRule[], personalRules: readonly ApiRule[], mailbox: readonly MailboxCategory[]): ExistingCategory[] {
  const own = new Set(personalRules.map((r) => categoryKey(r.then.category)));
  const byKey = new Map<string, ExistingCategory>();
  // orgRules come sorted in evaluation order; the sync gives a category the colour of the first enabled rule naming it
  // (server/sync/round-config.ts), so the first one seen here is the colour that wins.
  for (const r of orgRules) {
    if (!r.enabled) continue;
    const key = categoryKey(r.then.category);
    if (!byKey.has(key)) byKey.set(key, { name: r.then.category, color: r.then.color, source: 'org', ruleId: r.id });
  }
  for (const c of mailbox) {
    const key = categoryKey(c.name);
    if (!byKey.has(key)) byKey.set(key, { name: c.name, color: c.color, source: 'mailbox', ownRule: own.has(key) });
  }
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The existing category the draft names with another colour, or undefined. An org rule being edited does not clash
 * with itself; an org category clashes with a personal rule, and with a later org rule.
 */
export function colourClash(form: RuleForm, existing: readonly ExistingCategory[]): ExistingCategory | undefined {
  if (!form.category.trim()) return undefined;
  const key = categoryKey(form.category);
  const found = existing.find((c) => categoryKey(c.name) === key);
  if (!found || found.color === undefined || found.color === form.color || found.ownRule) return undefined;
  if (found.source === 'org' && form.id !== undefined && found.ruleId === form.id) return undefined;
  return found;
}

export function useExistingCategories(services: TaskpaneServices, orgRules: readonly ApiRule[], personalRules: readonly ApiRule[]): ExistingCategory[] {
  const [mailbox, setMailbox] = useState<MailboxCategory[]>([]);
  useEffect(() => {
    let live = true;
    void services.mailboxCategories().then((list) => live && setMailbox(list));
    return () => {
      live = false;
    };
  }, [services]);
  return useMemo(() => mergeCategories(orgRules, personalRules, mailbox), [orgRules, personalRules, mailbox]);
}

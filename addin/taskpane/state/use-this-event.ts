/**
 * "This event": the open appointment read once through Office.js, and the evaluation of the rules
 * (saved, with the unsaved draft in place of the rule being edited) against it, recomputed on every edit.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { compileRuleSet, sortRules, type Evaluation } from '../../../shared/engine';
import { fromOfficeSnapshot } from '../../../shared/normalize-office';
import type { CalendarEvent } from '../../../shared/event';
import type { Rule, RuleDraft } from '../../../shared/schema';
import type { TaskpaneServices } from '../services';
import { PREVIEW_RULE_ID } from './rule-form';

export type EventState = { phase: 'loading' } | { phase: 'ready'; event: CalendarEvent } | { phase: 'failed'; error: unknown };

export function useOpenEvent(services: TaskpaneServices) {
  const [state, setState] = useState<EventState>({ phase: 'loading' });
  const read = useCallback(async () => {
    setState({ phase: 'loading' });
    try {
      setState({ phase: 'ready', event: fromOfficeSnapshot(await services.readEvent()) });
    } catch (error) {
      setState({ phase: 'failed', error });
    }
  }, [services]);
  useEffect(() => {
    void read();
  }, [read]);
  return { state, reread: read };
}

/** The rule set the preview evaluates: saved rules, the draft replacing (or joining) them. */
export function previewRules(saved: readonly Rule[], draft: RuleDraft | null): Rule[] {
  if (!draft) return sortRules(saved);
  const candidate: Rule = { ...draft, id: draft.id ?? PREVIEW_RULE_ID };
  return sortRules([...saved.filter((r) => r.id !== candidate.id), candidate]);
}

export function usePreviewEvaluation(event: CalendarEvent | null, rules: readonly Rule[], internalDomains: readonly string[], mailbox?: string) {
  return useMemo<{ evaluation: Evaluation; colorOf: (c: string) => string | undefined } | null>(() => {
    if (!event) return null;
    // Closures, not generated code: one event per edit gains nothing from codegen, and Outlook's
    // WebView may run the pane under a CSP without 'unsafe-eval'.
    const ruleSet = compileRuleSet(rules, { internalDomains, mailbox }, { generated: false });
    return { evaluation: ruleSet.evaluate(event), colorOf: (c) => ruleSet.colorOf(c) };
  }, [event, rules, internalDomains, mailbox]);
}

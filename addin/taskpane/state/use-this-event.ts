/**
 * "This event": the open appointment read through Office.js — once, and again whenever the item being
 * composed changes (time, recipients, recurrence) — and the evaluation of the rules (saved, with the
 * unsaved draft in place of the rule being edited) against it, recomputed on every edit.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { compileRuleSet, type Evaluation } from '../../../shared/rule-set';
import { appliesToUser, byScope, effectiveRules } from '../../../shared/effective-rules';
import { fromOfficeSnapshot } from '../../../shared/normalize-office';
import type { CalendarEvent } from '../../../shared/event';
import type { Rule, RuleDraft } from '../../../shared/schema';
import { displayClock } from '../../office/display-language';
import type { TaskpaneServices } from '../services';

export type EventState = { phase: 'loading' } | { phase: 'ready'; event: CalendarEvent } | { phase: 'failed'; error: unknown };

export function useOpenEvent(services: TaskpaneServices) {
  const [state, setState] = useState<EventState>({ phase: 'loading' });
  /** Only the newest read may set the state: changes can come faster than reads finish. */
  const readSeq = useRef(0);
  const read = useCallback(
    async (quiet = false) => {
      const seq = ++readSeq.current;
      // A refresh keeps the current result on screen until the new one is there.
      if (!quiet) setState({ phase: 'loading' });
      try {
        const event = fromOfficeSnapshot(await services.readEvent());
        if (seq === readSeq.current) setState({ phase: 'ready', event });
      } catch (error) {
        if (seq === readSeq.current) setState({ phase: 'failed', error });
      }
    },
    [services],
  );
  useEffect(() => {
    let active = true;
    void read();
    // Handlers are removed asynchronously: an event that still arrives after unmount is ignored.
    const stop = services.watchEvent?.(() => active && void read(true));
    return () => {
      active = false;
      readSeq.current += 1; // a read still under way when the pane goes away is dropped
      stop?.();
    };
  }, [read, services]);
  const reread = useCallback(() => read(true), [read]);
  const retry = useCallback(() => read(false), [read]);
  return { state, reread, retry };
}

/** The id an unsaved rule gets for the preview only. */
export const PREVIEW_RULE_ID = 'r_unsaved-preview';

/** The saved rules with the draft replacing its saved self, or joining them when new. */
export function draftOverSaved(saved: readonly Rule[], draft: RuleDraft | null): readonly Rule[] {
  const candidate: Rule | null = draft && { ...draft, id: draft.id ?? PREVIEW_RULE_ID };
  return candidate ? [...saved.filter((r) => r.id !== candidate.id), candidate] : saved;
}

/** The enabled team rules among `rules` that are not for someone in `teams`: what the preview says it left out. */
export function teamRulesNotFor(rules: readonly Rule[], teams: readonly string[] = []): Rule[] {
  const mine = new Set(teams);
  return rules.filter((r) => r.scope === 'org' && r.enabled && r.appliesTo && r.appliesTo.groups.length > 0 && !appliesToUser(r, mine));
}

/** The rule set the preview evaluates: the effective set of the saved rules, the draft replacing (or joining) them. */
export function previewRules(saved: readonly Rule[], draft: RuleDraft | null, teams: readonly string[] = []): Rule[] {
  const rules = draftOverSaved(saved, draft);
  // The caller's teams as the server worked them out (GET /api/me): the team rules the sync gives this mailbox.
  return effectiveRules({ ...byScope(rules), memberOf: new Set(teams) });
}

export function usePreviewEvaluation(event: CalendarEvent | null, rules: readonly Rule[], internalDomains: readonly string[], mailbox?: string) {
  return useMemo<{ evaluation: Evaluation; colorOf: (c: string) => string | undefined } | null>(() => {
    if (!event) return null;
    // Closures, not generated code: one event per edit gains nothing from codegen, and Outlook's
    // WebView may run the pane under a CSP without 'unsafe-eval'.
    const ruleSet = compileRuleSet(rules, { internalDomains, mailbox }, { generated: false });
    // The why writes times of day as the rule summaries do (issue #13).
    return { evaluation: ruleSet.evaluate(event, displayClock), colorOf: (c) => ruleSet.colorOf(c) };
  }, [event, rules, internalDomains, mailbox]);
}

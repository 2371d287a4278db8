/**
 * usePreviewEvaluation, with RE2 loaded first when a rule on screen has a `matches` condition (the pane's
 * build loads RE2 on demand, see re2-on-demand.ts). Until it has loaded, the preview is pending (null), as
 * while the event is being read.
 */
import { useEffect, useMemo, useState } from 'react';
import type { CalendarEvent } from '../../../shared/event';
import type { Rule } from '../../../shared/schema';
import { usesPattern } from '../../launchevent/pattern-rules';
import { loadRe2, re2Ready } from '../re2-on-demand';
import { usePreviewEvaluation as evaluateWithEngine } from './use-this-event';

export function usePreviewEvaluation(event: CalendarEvent | null, rules: readonly Rule[], internalDomains: readonly string[], mailbox?: string) {
  const needsRe2 = useMemo(() => rules.some((r) => r.enabled && usesPattern(r.when)), [rules]);
  const [, setLoaded] = useState(re2Ready());
  const waiting = needsRe2 && !re2Ready();
  useEffect(() => {
    if (!waiting) return;
    let live = true;
    loadRe2().then(
      () => live && setLoaded(true),
      (err: unknown) => console.warn('CalSync: RE2 did not load; the preview waits', err),
    );
    return () => {
      live = false;
    };
  }, [waiting]);
  return evaluateWithEngine(waiting ? null : event, rules, internalDomains, mailbox);
}

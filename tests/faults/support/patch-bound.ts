/**
 * How many PATCHes per event a faulty run may make. The bound, per event e:
 *
 *     patches(e) ≤ clean(e) + killedWithPending(e)
 *
 * clean(e) is the fault-free run's count (1 for an event whose categories change, else 0). 429/503/resets add
 * nothing: the sandbox refuses those requests before running them, and the round sees every answer, so a write
 * that succeeded is never sent again. A kill can add at most one per event the killed round had stored as pending
 * (the round stores every id it is about to write before writing): its write may have landed without the round
 * knowing. The next round reads a pending event's own record instead of trusting the mirror, so it finds the
 * write and does not repeat it; the allowance covers the one race left, the dead round's write landing after the
 * next round read the event (which the lease's TTL, far longer than a request, rules out here — so the observed
 * extra is expected to be 0, and is reported). Summed over events: total ≤ clean total + Σ pending at each kill.
 */

export type PerEvent = Record<string, Record<string, number>>;

export interface PatchCheck {
  clean: number;
  faulty: number;
  /** Σ over kills of the events the killed round had pending. */
  allowance: number;
  /** PATCHes above the fault-free count (≤ allowance). */
  extra: number;
  /** Events over their bound: `mailbox event: faulty > clean + allowance`. */
  violations: string[];
}

const sum = (per: PerEvent): number => Object.values(per).reduce((n, m) => n + Object.values(m).reduce((a, b) => a + b, 0), 0);

export function checkPatchBound(clean: PerEvent, faulty: PerEvent, pendingAtKills: PerEvent): PatchCheck {
  const violations: string[] = [];
  let extra = 0;
  for (const [mailbox, events] of Object.entries(faulty)) {
    for (const [key, n] of Object.entries(events)) {
      const base = clean[mailbox]?.[key] ?? 0;
      const allowed = base + (pendingAtKills[mailbox]?.[key] ?? 0);
      extra += Math.max(0, n - base);
      if (n > allowed) violations.push(`${mailbox} ${key}: ${n} > ${base} + ${allowed - base}`);
    }
  }
  return { clean: sum(clean), faulty: sum(faulty), allowance: sum(pendingAtKills), extra, violations };
}

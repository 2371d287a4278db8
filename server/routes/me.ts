import { Router } from 'express';
import type { ApiMe, ApiRenewalNotice } from '../../shared/api-types';
import { principalOf } from '../auth/middleware';
import { tenantOf } from '../auth/tenant-gate';
import { termStateOf } from '../domain/tenant-term';
import type { TenantPlan } from '../store/tenants';
import type { RuleService } from '../services/rules';

/** Who the caller is, and their organisation's plan with a renewal notice once the term has ended. */
export function meRouter(now: () => Date, rules: RuleService): Router {
  const router = Router();
  router.get('/me', async (req, res) => {
    const principal = principalOf(req);
    const { tenantId, userId, isAdmin } = principal;
    const { plan } = tenantOf(req);
    const renewal = renewalNotice(plan, now());
    const teams = await rules.teamsOf(principal);
    res.json({ tenantId, userId, isAdmin, plan: { seats: plan.seats, termEnd: plan.termEnd }, ...(renewal ? { renewal } : {}), teams } satisfies ApiMe);
  });
  return router;
}

export function renewalNotice(plan: TenantPlan, now: Date): ApiRenewalNotice | undefined {
  const term = termStateOf(plan, now);
  if (term.kind === 'in_term') return undefined;
  const message =
    term.kind === 'grace'
      ? `CalSync's term ended on ${term.termEnd}: renew by ${term.lastGraceDay} to keep calendars coloured`
      : `CalSync's term ended on ${term.termEnd} and its grace period on ${term.lastGraceDay}: calendars are no longer coloured until the plan is renewed`;
  return { state: term.kind, termEnd: term.termEnd, lastGraceDay: term.lastGraceDay, message };
}

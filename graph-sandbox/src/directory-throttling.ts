/**
 * Entra ID's own throttling of directory requests (users, groups, directory objects), which is not Outlook's per
 * mailbox limit: https://learn.microsoft.com/graph/throttling-limits#identity-and-access-service-limits.
 * - Each request costs resource units: a base cost per operation (GET users 2, GET groups/{id}/transitiveMembers 5,
 *   POST directoryObjects/getByIds 3, users/{id}/transitiveMemberOf 2 as me/transitiveMemberOf, anything else 1),
 *   less 1 with `$select`, plus 1 with `$expand`, less 1 with `$top` under 20, never under 1. Every page of a listing
 *   pays its own cost (microsoftgraph/microsoft-graph-docs-contrib#1355: 5 per transitiveMembers page).
 * - The budget is per application and tenant, by the tenant's size: under 50 users 3,500, up to 500 users 5,000,
 *   above that 8,000 resource units per 10 seconds. Over it: 429 with Retry-After, `x-ms-throttle-scope`
 *   (Tenant_Application/ReadWrite/{app}/{tenant}) and `x-ms-throttle-information: ResourceUnitLimitExceeded`.
 *   A request answered 200 carries its cost in `x-ms-resource-unit`.
 * The page does not say whether the 10 seconds are a fixed or a sliding window; the sandbox uses a fixed one, like
 * its Outlook budget (throttling.ts). A throttled request is not charged.
 */
import { GraphError } from './graph-error';

export interface DirectoryLimits {
  /** Resource units per app and tenant per window; null: by the tenant's size, as documented. */
  resourceUnitsPerWindow: number | null;
  windowMs: number;
}

export const defaultDirectoryLimits: DirectoryLimits = { resourceUnitsPerWindow: null, windowMs: 10_000 };

/** The documented budget for a tenant of `users` users. */
export function resourceUnitsForTenantSize(users: number): number {
  return users < 50 ? 3_500 : users <= 500 ? 5_000 : 8_000;
}

/** What one request costs: its operation's base cost and its query options. */
export function requestCost(baseCost: number, query: URLSearchParams): number {
  let cost = baseCost;
  if (query.has('$select')) cost -= 1;
  if (query.has('$expand')) cost += 1;
  const top = Number(query.get('$top'));
  if (query.has('$top') && Number.isFinite(top) && top < 20) cost -= 1;
  return Math.max(1, cost);
}

interface Budget {
  windowStart: number;
  used: number;
}

export class DirectoryThrottle {
  private readonly budgets = new Map<string, Budget>();

  constructor(
    public limits: DirectoryLimits,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Charges `cost` to the app in the tenant, or throws the 429 Entra answers; returns the headers of a served request. */
  charge(appId: string, tenantId: string, cost: number, tenantUsers: number): Record<string, string> {
    const key = `${appId}|${tenantId}`;
    const now = this.now();
    let budget = this.budgets.get(key);
    if (!budget || now - budget.windowStart >= this.limits.windowMs) {
      budget = { windowStart: now, used: 0 };
      this.budgets.set(key, budget);
    }
    const limit = this.limits.resourceUnitsPerWindow ?? resourceUnitsForTenantSize(tenantUsers);
    if (budget.used + cost > limit) {
      const retryAfter = Math.max(1, Math.ceil((budget.windowStart + this.limits.windowMs - now) / 1000));
      throw new GraphError(429, 'TooManyRequests', 'Too many requests. Please try again after the value specified in the Retry-After header.', {
        'Retry-After': String(retryAfter),
        'x-ms-throttle-scope': `Tenant_Application/ReadWrite/${appId}/${tenantId}`,
        'x-ms-throttle-information': 'ResourceUnitLimitExceeded',
      });
    }
    budget.used += cost;
    return { 'x-ms-resource-unit': String(cost) };
  }

  reset(): void {
    this.budgets.clear();
  }
}

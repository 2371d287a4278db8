/**
 * `GET /organization`: the tenant the caller's token is for, as a collection of one (Graph v1.0 "List organization":
 * https://learn.microsoft.com/graph/api/organization-list — with an app-only token it needs Organization.Read.All or
 * Directory.Read.All, or the app's own User.Read.All; the sandbox does not check permissions). CalSync reads it to
 * prove an admin's consent works (onboarding). Only the properties CalSync and the reference example show.
 */
import { json, odataContext, type Route } from '../context';

export const organizationRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/organization$/i,
    mailboxScoped: false,
    identityCost: 1,
    handler: (ctx, req) => {
      const tenant = ctx.store.directory.find(req.tenantId);
      const domains = tenant?.domains ?? [];
      return json(200, {
        '@odata.context': odataContext(ctx, 'organization'),
        value: [
          {
            id: req.tenantId,
            displayName: tenant?.displayName ?? req.tenantId,
            tenantType: 'AAD',
            verifiedDomains: domains.map((name, i) => ({
              name,
              type: 'Managed',
              isDefault: i === 0,
              isInitial: false,
              capabilities: 'Email, OfficeCommunicationsOnline',
            })),
          },
        ],
      });
    },
  },
];

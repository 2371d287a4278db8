/**
 * What the demo tenant starts with, written on the first start only: settings (contoso.com is internal, the
 * team is enrolled) and five org rules (two of them for a team), so the team calendar is colourful at first sight. "First start" means
 * the tenant has no settings yet; a later start never writes again, so whatever the admin changed — rules
 * deleted included — stays as it was. Written through the API's own services (validated, audited), as Megan.
 */
import type { Principal } from '../server/domain/principal';
import { DEFAULT_SETTINGS_ETAG, SettingsService } from '../server/services/settings';
import { RuleService } from '../server/services/rules';
import { TenantService } from '../server/services/tenants';
import type { Stores, TenantSettings } from '../server/store/types';
import type { RuleInput } from '../shared';
import { demoGroups } from '../graph-sandbox/src/scenarios/demo-team';
import { DEFAULT_DEMO_ACCOUNT, DEMO_DOMAIN, DEMO_TENANT_ID, demoObjectId } from './demo-identities';

/** A demo team's Entra group id, as the sandbox's demo tenant has it. */
function groupId(name: string): string {
  const group = demoGroups.find((g) => g.displayName === name);
  if (!group) throw new Error(`the demo tenant has no group ${name}`);
  return group.id;
}

export const DEMO_SYNC_WINDOW = { past: 30, future: 60 };

export const DEMO_ORG_RULES: RuleInput[] = [
  {
    id: 'r_demo_external',
    name: 'Meetings with people outside Contoso',
    scope: 'org',
    order: 0,
    when: { field: 'hasExternalAttendees', op: 'is', value: true },
    then: { category: 'External', color: 'preset0', stop: false },
  },
  {
    id: 'r_demo_one_on_one',
    name: '1:1s',
    scope: 'org',
    order: 1,
    when: { field: 'isOneOnOne', op: 'is', value: true },
    then: { category: '1:1', color: 'preset4', stop: false },
  },
  {
    id: 'r_demo_team',
    name: 'Team meetings (four or more others)',
    scope: 'org',
    order: 2,
    when: { field: 'attendeeCount', op: 'gte', value: 4 },
    then: { category: 'Team', color: 'preset8', stop: false },
  },
  // Two team rules (issue #16): each colours its team's calendars only.
  {
    id: 'r_demo_sales_reviews',
    name: 'Sales: pipeline and business reviews',
    scope: 'org',
    order: 3,
    appliesTo: { groups: [groupId('Sales')] },
    when: {
      any: [
        { field: 'subject', op: 'contains', value: 'pipeline' },
        { field: 'subject', op: 'contains', value: 'business review' },
      ],
    },
    then: { category: 'Customer review', color: 'preset1', stop: false },
  },
  {
    id: 'r_demo_engineering_hiring',
    name: 'Engineering: hiring panels',
    scope: 'org',
    order: 4,
    appliesTo: { groups: [groupId('Engineering')] },
    when: { field: 'subject', op: 'contains', value: 'hiring' },
    then: { category: 'Hiring', color: 'preset5', stop: false },
  },
];

export interface SeedResult {
  seeded: boolean;
}

/** Contoso's plan in the demo (issue #15): 50 seats for a year from the first start. */
export const DEMO_SEATS = 50;

export async function seedDemoTenant(stores: Stores, people: string[], now: () => Date = () => new Date()): Promise<SeedResult> {
  // Before the "seeded" mark: a data directory from before tenant records has settings but no record.
  await ensureDemoCustomer(stores, now);
  if (await stores.settings.get(DEMO_TENANT_ID)) return { seeded: false };
  const admin: Principal = { tenantId: DEMO_TENANT_ID, userId: demoObjectId(DEFAULT_DEMO_ACCOUNT.upn), isAdmin: true, username: DEFAULT_DEMO_ACCOUNT.upn };
  const settings: TenantSettings = { internalDomains: [DEMO_DOMAIN], enrolledMailboxes: people, syncWindowDays: DEMO_SYNC_WINDOW, orgRulesLocked: false };
  // Rules before settings: settings are the "seeded" mark, so a start that dies in between seeds again
  // next time (create with a taken id is skipped below) instead of leaving the tenant half-made.
  const rules = new RuleService(stores, { now });
  for (const rule of DEMO_ORG_RULES) {
    if (!(await stores.rules.get(DEMO_TENANT_ID, rule.id))) await rules.create(admin, rule, { id: rule.id });
  }
  await new SettingsService(stores, now).put(admin, settings, DEFAULT_SETTINGS_ETAG);
  return { seeded: true };
}

/** Contoso is a customer: an operator's plan, then the admin's consent — the same two steps a real tenant takes. */
async function ensureDemoCustomer(stores: Stores, now: () => Date): Promise<void> {
  if (await stores.tenants.get(DEMO_TENANT_ID)) return;
  const tenants = new TenantService(stores, { now });
  await tenants.setPlan({ userId: 'demo-operator' }, DEMO_TENANT_ID, { seats: DEMO_SEATS }, 'Contoso');
  await tenants.activate({ userId: demoObjectId(DEFAULT_DEMO_ACCOUNT.upn) }, DEMO_TENANT_ID, { displayName: 'Contoso', consentedBy: DEFAULT_DEMO_ACCOUNT.upn });
}

/**
 * Fabrikam in the demo (issue #15): a second organisation in the Graph sandbox that is not yet a customer — no tenant
 * record, no consent — with two people and a few events of its own. Its admin prepared rules and enrolment ahead (as
 * an operator-assisted trial would), so signing it up at /onboard colours its calendars within seconds: the record
 * becomes active, the sync starts serving it (served-tenants.ts), and the onboarding keeps the settings it finds.
 */
import type { Principal } from '../server/domain/principal';
import type { SeedDocument } from '../graph-sandbox/src/index';
import { DEFAULT_SETTINGS_ETAG, SettingsService } from '../server/services/settings';
import { RuleService } from '../server/services/rules';
import type { Stores } from '../server/store/types';
import type { RuleInput } from '../shared';

export const FABRIKAM_TENANT_ID = 'fab1fab1-0000-4000-8000-00000000fab1';
export const FABRIKAM_DOMAIN = 'fabrikam.com';
export const FABRIKAM_PEOPLE = ['jordan.miller@fabrikam.com', 'priya.patel@fabrikam.com'];

const FABRIKAM_RULES: RuleInput[] = [
  {
    id: 'r_fab_external',
    name: 'Meetings with other companies',
    scope: 'org',
    order: 0,
    when: { field: 'hasExternalAttendees', op: 'is', value: true },
    then: { category: 'Partners', color: 'preset1', stop: false },
  },
  {
    id: 'r_fab_one_on_one',
    name: '1:1s',
    scope: 'org',
    order: 1,
    when: { field: 'isOneOnOne', op: 'is', value: true },
    then: { category: '1:1', color: 'preset5', stop: false },
  },
];

/** Fabrikam's people and their week: a 1:1 and a call with a supplier outside Fabrikam. */
export function fabrikamTeam(now: Date): SeedDocument {
  const day = (offset: number, hour: number): string =>
    `${new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00`;
  const [jordan, priya] = FABRIKAM_PEOPLE as [string, string];
  const attendee = (address: string) => ({ type: 'required' as const, emailAddress: { address, name: address } });
  return {
    users: [
      { userPrincipalName: jordan, displayName: 'Jordan Miller', jobTitle: 'Account Director', timeZone: 'Pacific Standard Time' },
      { userPrincipalName: priya, displayName: 'Priya Patel', jobTitle: 'Solutions Architect', timeZone: 'America/New_York' },
    ],
    events: [
      {
        organizer: jordan,
        subject: 'Jordan / Priya weekly',
        start: { dateTime: day(1, 16), timeZone: 'UTC' },
        end: { dateTime: day(1, 17), timeZone: 'UTC' },
        attendees: [attendee(priya)],
      },
      {
        organizer: priya,
        subject: 'Supplier call: Northwind',
        start: { dateTime: day(2, 15), timeZone: 'UTC' },
        end: { dateTime: day(2, 16), timeZone: 'UTC' },
        attendees: [attendee(jordan), attendee('anna@northwind.example')],
      },
      { organizer: jordan, subject: 'Pipeline review', start: { dateTime: day(3, 17), timeZone: 'UTC' }, end: { dateTime: day(3, 18), timeZone: 'UTC' } },
    ],
  };
}

/** Fabrikam's rules and settings, on the first start only (no tenant record: the API and the sync leave it alone). */
export async function seedFabrikam(stores: Stores, now: () => Date): Promise<void> {
  if (await stores.settings.get(FABRIKAM_TENANT_ID)) return;
  const admin: Principal = { tenantId: FABRIKAM_TENANT_ID, userId: 'fabrikam-admin', isAdmin: true, username: FABRIKAM_PEOPLE[0] };
  const rules = new RuleService(stores, { now });
  for (const rule of FABRIKAM_RULES) if (!(await stores.rules.get(FABRIKAM_TENANT_ID, rule.id))) await rules.create(admin, rule, { id: rule.id });
  await new SettingsService(stores, now).put(
    admin,
    { internalDomains: [FABRIKAM_DOMAIN], enrolledMailboxes: FABRIKAM_PEOPLE, syncWindowDays: { past: 30, future: 60 }, orgRulesLocked: false },
    DEFAULT_SETTINGS_ETAG,
  );
}

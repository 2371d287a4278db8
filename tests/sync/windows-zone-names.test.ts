/**
 * mailboxSettings.timeZone is a Windows name ("W. Europe Standard Time") or an IANA one, as the admin set it up.
 * The demo team and the generated large tenant mix both; the sync must stamp exactly as it would if every mailbox
 * named its zone the IANA way. The rules depend on the day and time of day, so a zone read wrongly shows.
 */
import type { Rule } from '../../shared';
import { demoTeam, type GraphSandbox, type SeedDocument } from '../../graph-sandbox/src/index';
import { eventInstances } from '../../graph-sandbox/src/instances';
import { MIXED_MAILBOX_ZONES, type LargeTenantOptions } from '../../graph-sandbox/src/scenarios/large-tenant';
import { startSyncHarness, type SyncHarnessOptions } from './support/harness';
import { rule } from './support/team';

const ANCHOR = new Date('2026-03-18T12:00:00Z'); // the demo's four weeks span the 2026-03-29 European DST change
const DAY = 86_400_000;

const clockRules = (): Rule[] => [
  rule('r_early', 'Early', 'preset1', { field: 'startTime', op: 'before', value: '10:30' }, 1),
  rule('r_late', 'Late', 'preset2', { field: 'startTime', op: 'after', value: '14:59' }, 2),
  rule('r_monday', 'Monday', 'preset3', { field: 'dayOfWeek', op: 'equals', value: 'monday' }, 3),
];

/** Every occurrence's categories in every mailbox, by mailbox, subject and instant (ids differ across sandboxes). */
function stamps(sandbox: GraphSandbox): string[] {
  const out: string[] = [];
  for (const m of sandbox.store.mailboxes()) {
    for (const e of m.events.values()) {
      for (const i of eventInstances(e, ANCHOR.getTime() - 400 * DAY, ANCHOR.getTime() + 400 * DAY)) {
        out.push(`${m.userPrincipalName}|${e.subject}|${new Date(i.startMs).toISOString()}|${[...(i.override?.categories ?? e.categories)].sort().join(',')}`);
      }
    }
  }
  return out.sort();
}

/** Syncs every person's mailbox once (a full round) and returns the stamps the tenant ends with. */
async function syncAll(options: Pick<SyncHarnessOptions, 'document' | 'generate'>): Promise<string[]> {
  const h = await startSyncHarness({
    ...options,
    rules: clockRules(),
    settings: { internalDomains: ['contoso.com'], syncWindowDays: { past: 60, future: 60 } },
  });
  h.deps.now = () => ANCHOR; // the window is the anchor's, not the day the test runs
  try {
    for (const m of h.sandbox.store.mailboxes()) {
      if (!m.isResource) expect(await h.round(m.userPrincipalName)).toMatchObject({ committed: true });
    }
    return stamps(h.sandbox);
  } finally {
    await h.close();
  }
}

/** The IANA zone each Windows name in the scenarios stands for (CLDR's "001" zone or its current IANA name), stated rather than
 * computed, so a broken map in the code under test cannot make both sides of the comparison wrong alike. */
const IANA_OF: Record<string, string> = {
  'GMT Standard Time': 'Europe/London',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Eastern Standard Time': 'America/New_York',
  'Pacific Standard Time': 'America/Los_Angeles',
  'India Standard Time': 'Asia/Kolkata',
};
const toIana = (zone: string) => IANA_OF[zone] ?? (zone.includes('/') || zone === 'UTC' ? zone : fail(`no IANA zone stated for ${zone}`));
function fail(message: string): never {
  throw new Error(message);
}
const withZones = (doc: SeedDocument, zoneOf: (zone: string) => string): SeedDocument => ({
  ...doc,
  users: doc.users.map((u) => ({ ...u, timeZone: zoneOf(u.timeZone ?? 'UTC') })),
});
const stampedCount = (lines: string[]) => lines.filter((l) => !l.endsWith('|')).length;

describe('Windows and IANA mailbox zones stamp alike', () => {
  test('the demo team mixes Windows and IANA names, and syncs as the all-IANA team does', async () => {
    const team = demoTeam(ANCHOR);
    const zones = team.users.filter((u) => !u.isResource).map((u) => u.timeZone!);
    expect(zones.some((z) => toIana(z) !== z) && zones.some((z) => toIana(z) === z)).toBe(true);
    const mixed = await syncAll({ document: team });
    const iana = await syncAll({ document: withZones(team, toIana) });
    expect(stampedCount(mixed)).toBeGreaterThan(50);
    expect(mixed).toEqual(iana);
    // The rules do see the zone: the same team read all in UTC stamps differently, so the comparison can fail.
    expect(await syncAll({ document: withZones(team, () => 'UTC') })).not.toEqual(iana);
  });

  test('the large tenant mixes Windows and IANA names, and syncs as the all-IANA tenant does', async () => {
    expect(MIXED_MAILBOX_ZONES.filter((z) => toIana(z) !== z).length).toBeGreaterThanOrEqual(3);
    const options: LargeTenantOptions = { mailboxes: MIXED_MAILBOX_ZONES.length, eventsPerMailbox: 40, seed: 7, startDate: '2026-03-10', days: 28 };
    const empty: SeedDocument = { users: [], events: [] };
    const mixed = await syncAll({ document: empty, generate: options });
    const iana = await syncAll({ document: empty, generate: { ...options, timeZones: MIXED_MAILBOX_ZONES.map(toIana) } });
    expect(stampedCount(mixed)).toBeGreaterThan(100);
    expect(mixed).toEqual(iana);
    expect(await syncAll({ document: empty, generate: { ...options, timeZones: ['UTC'] } })).not.toEqual(iana);
  });
});

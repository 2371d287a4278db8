import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Event } from '@microsoft/microsoft-graph-types';
import { demoTeam, startGraphSandbox } from '../src/index';
import { generateLargeTenant } from '../src/scenarios/large-tenant';
import { SandboxStore } from '../src/store';
import { startHarness, windowAroundNow, type SandboxHarness } from './support/sandbox-client';
import { deltaRound } from './support/delta';
import { smallTenant } from './support/factories';

async function allEvents(h: SandboxHarness, upn: string): Promise<Event[]> {
  const out: Event[] = [];
  let page = await h.client.api(`/users/${upn}/calendarView`).query(windowAroundNow(10, 35)).header('Prefer', 'odata.maxpagesize=500').get();
  out.push(...page.value);
  while (page['@odata.nextLink']) {
    page = await h.client.api(page['@odata.nextLink']).header('Prefer', 'odata.maxpagesize=500').get();
    out.push(...page.value);
  }
  return out;
}

describe('graph sandbox: built-in demo team', () => {
  let h: SandboxHarness;
  const everything: Event[] = [];
  beforeAll(async () => {
    h = await startHarness({ scenario: 'demo' });
    const users = (await h.client.api('/users').get()).value as Array<{ userPrincipalName: string }>;
    for (const u of users) everything.push(...(await allEvents(h, u.userPrincipalName)));
  });
  afterAll(() => h.close());

  it('has about twelve mailboxes at contoso.com including rooms', async () => {
    const users = (await h.client.api('/users').get()).value as Array<{ userPrincipalName: string }>;
    expect(users).toHaveLength(12);
    expect(users.every((u) => u.userPrincipalName.endsWith('@contoso.com'))).toBe(true);
    const room = await h.client.api('/users/room.everest@contoso.com/mailboxSettings').get();
    expect(room.userPurpose).toBe('room');
  });

  it('covers the calendar situations the rules engine must handle', () => {
    const has = (p: (e: Event) => boolean) => everything.some(p);
    expect(has((e) => e.type === 'occurrence')).toBe(true);
    expect(has((e) => e.type === 'exception')).toBe(true);
    expect(has((e) => e.isAllDay === true)).toBe(true);
    expect(has((e) => e.showAs === 'oof')).toBe(true);
    expect(has((e) => e.isOnlineMeeting === true && e.onlineMeetingProvider === 'teamsForBusiness')).toBe(true);
    expect(has((e) => (e.attendees ?? []).some((a) => a.type === 'resource'))).toBe(true);
    expect(has((e) => (e.attendees ?? []).some((a) => a.emailAddress?.address?.endsWith('@fabrikam.com')))).toBe(true);
    expect(has((e) => e.responseStatus?.response === 'declined')).toBe(true);
    expect(has((e) => e.responseStatus?.response === 'tentativelyAccepted')).toBe(true);
    expect(has((e) => e.subject?.startsWith('1:1') === true)).toBe(true);
  });

  it('has two teams, Sales and Engineering, among the demo people', async () => {
    const found = await h.client
      .api('/groups')
      .header('ConsistencyLevel', 'eventual')
      .search('"displayName:sales" OR "displayName:engineering"')
      .select('id,displayName')
      .get();
    const byName = Object.fromEntries((found.value as Array<{ id: string; displayName: string }>).map((g) => [g.displayName, g.id]));
    expect(Object.keys(byName).sort()).toEqual(['Engineering', 'Sales']);
    const mails = async (id: string) => {
      const page = await h.client
        .api(`/groups/${id}/transitiveMembers/microsoft.graph.user`)
        .header('ConsistencyLevel', 'eventual')
        .query({ $count: 'true' })
        .select('mail')
        .get();
      return (page.value as Array<{ mail: string }>).map((u) => u.mail).sort();
    };
    expect(await mails(byName.Sales as string)).toEqual(['adele@contoso.com', 'alex@contoso.com', 'isaiah@contoso.com', 'megan@contoso.com']);
    expect(await mails(byName.Engineering as string)).toEqual(['grady@contoso.com', 'johanna@contoso.com', 'lynne@contoso.com']);
  });

  it('is deterministic for a given anchor date', () => {
    const anchor = new Date('2026-11-24T12:00:00Z');
    expect(JSON.stringify(demoTeam(anchor))).toBe(JSON.stringify(demoTeam(anchor)));
  });
});

describe('graph sandbox: seed from a JSON file', () => {
  it('loads users, meetings, responses and exceptions from JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graph-sandbox-seed-'));
    const file = join(dir, 'seed.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...smallTenant(),
        events: [
          {
            organizer: 'olivia@contoso.com',
            subject: 'Seeded weekly',
            start: { dateTime: '2026-02-02T10:00:00', timeZone: 'UTC' },
            end: { dateTime: '2026-02-02T11:00:00', timeZone: 'UTC' },
            recurrence: {
              pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
              range: { type: 'numbered', startDate: '2026-02-02', numberOfOccurrences: 3 },
            },
            attendees: [{ type: 'required', emailAddress: { address: 'ada@contoso.com', name: 'Ada' } }],
            responses: { 'ada@contoso.com': 'declined' },
            exceptions: [{ originalStart: '2026-02-09T10:00:00', cancelled: true }],
          },
        ],
      }),
    );
    const h = await startHarness({ scenario: { seedFile: file } });
    try {
      const view = await h.client
        .api('/users/ada@contoso.com/calendarView')
        .query({ startDateTime: '2026-02-01T00:00:00Z', endDateTime: '2026-03-01T00:00:00Z' })
        .get();
      expect((view.value as Event[]).map((e) => e.start?.dateTime?.slice(0, 10))).toEqual(['2026-02-02', '2026-02-16']);
      expect((view.value as Event[]).every((e) => e.responseStatus?.response === 'declined')).toBe(true);
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads users without a mailbox and nested groups (forward references, a cycle) from JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graph-sandbox-seed-'));
    const file = join(dir, 'groups.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...smallTenant(),
        directoryUsers: [{ userPrincipalName: 'ulla@contoso.com', displayName: 'Ulla Unboxed' }],
        groups: [
          { displayName: 'Outer', members: ['olivia@contoso.com', 'Inner'] },
          { displayName: 'Inner', members: ['ulla@contoso.com', 'Outer'] },
        ],
      }),
    );
    const h = await startHarness({ scenario: { seedFile: file } });
    try {
      const [outer] = h.sandbox.groups.list().filter((g) => g.displayName === 'Outer');
      const members = await h.raw('GET', `/v1.0/groups/${outer?.id}/transitiveMembers?$select=displayName,mail`);
      expect(members.body.value.map((o: { displayName: string; mail: string | null }) => [o.displayName, o.mail])).toEqual([
        ['Olivia Organizer', 'olivia@contoso.com'],
        ['Inner', null],
        ['Ulla Unboxed', null],
      ]);
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a malformed seed file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graph-sandbox-seed-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ users: [{ displayName: 'No UPN' }] }));
    try {
      await expect(startGraphSandbox({ scenario: { seedFile: file } })).rejects.toThrow(/invalid seed file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('graph sandbox: generated large tenant', () => {
  let h: SandboxHarness;
  const start = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  beforeAll(async () => {
    h = await startHarness({ scenario: { generate: { mailboxes: 50, eventsPerMailbox: 2_000, seed: 11, startDate: start, days: 28 } } });
  });
  afterAll(() => h.close());

  it('creates mailboxes × events', () => {
    const counts = h.sandbox.store.mailboxes().map((m) => m.events.size);
    expect(counts).toHaveLength(50);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(2_000);
  });

  it('generates the same calendars for the same seed and different ones for another', () => {
    const calendars = (seed: number) => {
      const store = new SandboxStore('t');
      generateLargeTenant(store, { mailboxes: 3, eventsPerMailbox: 50, seed, startDate: start });
      return store.mailboxes().map((m) => [...m.events.values()].map((e) => `${e.subject}|${e.start.dateTime}|${e.attendees.length}`));
    };
    expect(calendars(5)).toEqual(calendars(5));
    expect(calendars(6)).not.toEqual(calendars(5));
  });

  it('serves a full delta round over a 2,000-event mailbox that matches calendarView', async () => {
    const window = { startDateTime: `${start}T00:00:00Z`, endDateTime: new Date(Date.parse(`${start}T00:00:00Z`) + 28 * 86_400_000).toISOString() };
    const round = await deltaRound(h.client, `/users/user0001@contoso.com/calendarView/delta?${new URLSearchParams(window).toString()}`, 500);
    const view: Event[] = [];
    let page = await h.client.api('/users/user0001@contoso.com/calendarView').query(window).header('Prefer', 'odata.maxpagesize=1000').get();
    view.push(...page.value);
    while (page['@odata.nextLink']) {
      page = await h.client.api(page['@odata.nextLink']).header('Prefer', 'odata.maxpagesize=1000').get();
      view.push(...page.value);
    }
    expect(round.items.length).toBeGreaterThanOrEqual(2_000);
    // Delta lists each series master as an entry of its own besides the instances calendarView lists.
    const instances = round.items.filter((i) => i.type !== 'seriesMaster');
    expect(instances.map((i) => i.id).sort()).toEqual(view.map((e) => e.id).sort());
    const masters = round.items.filter((i) => i.type === 'seriesMaster').map((i) => i.id as string);
    expect(masters.sort()).toEqual([...new Set(view.map((e) => e.seriesMasterId).filter((id): id is string => !!id))].sort());
    expect(new Set(round.items.map((i) => i.id)).size).toBe(round.items.length);
    const again = await deltaRound(h.client, round.deltaLink, 500);
    expect(again.items).toEqual([]);
  });
});

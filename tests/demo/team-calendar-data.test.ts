/**
 * The team calendar's data from a sandbox store: one working week per person, colours from each mailbox's
 * master category list, and which categories CalSync stamped (the "before CalSync" view leaves those out).
 */
import { serializeStampRecord, STAMP_PROPERTY_ID } from '../../shared';
import { applySeedDocument } from '../../graph-sandbox/src/scenarios/seed-document';
import { SandboxStore } from '../../graph-sandbox/src/store';
import { mondayOf, teamWeek, weekStartFor } from '../../demo/team-calendar-data';

const WEEK = '2026-03-02'; // a Monday

function store(): SandboxStore {
  const s = new SandboxStore('aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');
  applySeedDocument(s, {
    users: [
      {
        userPrincipalName: 'ana@contoso.com',
        displayName: 'Ana Lopez',
        timeZone: 'Europe/London',
        masterCategories: [
          { displayName: 'Focus', color: 'preset7' },
          { displayName: 'External', color: 'preset0' },
        ],
      },
      { userPrincipalName: 'bo@contoso.com', displayName: 'Bo Chen', timeZone: 'Europe/London' },
    ],
    events: [
      {
        organizer: 'ana@contoso.com',
        subject: 'Customer call',
        start: { dateTime: '2026-03-02T10:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-03-02T11:00:00', timeZone: 'UTC' },
        attendees: [{ type: 'required', emailAddress: { address: 'bo@contoso.com', name: 'Bo Chen' } }],
      },
      {
        organizer: 'bo@contoso.com',
        subject: 'Declined by Ana',
        start: { dateTime: '2026-03-03T10:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-03-03T11:00:00', timeZone: 'UTC' },
        attendees: [{ type: 'required', emailAddress: { address: 'ana@contoso.com', name: 'Ana Lopez' } }],
        responses: { 'ana@contoso.com': 'declined' },
      },
      {
        organizer: 'ana@contoso.com',
        subject: 'Next week',
        start: { dateTime: '2026-03-09T10:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-03-09T11:00:00', timeZone: 'UTC' },
      },
    ],
  });
  // What the sync leaves on Ana's copy: her own Focus, CalSync's External (recorded), and a category not in her list.
  const call = [...s.mailbox('ana@contoso.com').events.values()].find((e) => e.subject === 'Customer call')!;
  call.categories = ['Focus', 'External', 'Unlisted'];
  call.extendedProperties.set(STAMP_PROPERTY_ID, serializeStampRecord({ stamped: ['external'], suppressed: [] }));
  return s;
}

test('each person gets their week: stamped categories marked, colours from their own master list, declined left out', () => {
  const week = teamWeek(store(), ['ana@contoso.com', 'bo@contoso.com', 'nobody@contoso.com'], WEEK, 'UTC');
  expect(week.days).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
  expect(week.people.map((p) => p.upn)).toEqual(['ana@contoso.com', 'bo@contoso.com']);
  const [ana, bo] = week.people;
  expect(ana!.events.map((e) => e.subject)).toEqual(['Customer call']);
  expect(ana!.events[0]).toMatchObject({ start: '2026-03-02T10:00', end: '2026-03-02T11:00', isAllDay: false });
  expect(ana!.events[0]!.categories).toEqual([
    { name: 'Focus', preset: 'preset7', hex: '#3a8ee6', stamped: false },
    { name: 'External', preset: 'preset0', hex: '#e7484e', stamped: true },
    { name: 'Unlisted', preset: null, hex: null, stamped: false },
  ]);
  // Bo's copy of the call is his own event: no categories; and his own meeting is on his calendar.
  expect(bo!.events.map((e) => [e.subject, e.categories.length])).toEqual([
    ['Customer call', 0],
    ['Declined by Ana', 0],
  ]);
});

test('times are drawn in the display zone', () => {
  const week = teamWeek(store(), ['ana@contoso.com'], WEEK, 'Europe/Berlin');
  expect(week.people[0]!.events[0]).toMatchObject({ start: '2026-03-02T11:00', end: '2026-03-02T12:00' });
});

test('the requested week starts on its Monday; a malformed date is refused', () => {
  expect(mondayOf('2026-03-08')).toBe('2026-03-02');
  expect(weekStartFor('2026-03-04', new Date())).toBe('2026-03-02');
  expect(weekStartFor(undefined, new Date('2026-03-05T12:00:00Z'))).toBe('2026-03-02');
  expect(weekStartFor('2026-13-45', new Date())).toBeNull();
  expect(weekStartFor('next week', new Date())).toBeNull();
});

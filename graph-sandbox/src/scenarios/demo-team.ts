import type { Attendee } from '@microsoft/microsoft-graph-types';
import type { SeedDocument, SeedEvent } from './seed-document';

const dayMs = 86_400_000;
const domain = 'contoso.com';

// mailboxSettings.timeZone comes in the format the admin set up, Windows names by default, IANA ones where chosen
// (https://learn.microsoft.com/en-us/graph/api/user-get-mailboxsettings): the team mixes both, as tenants do.
const people = [
  { alias: 'megan', name: 'Megan Bowen', jobTitle: 'Marketing Manager', timeZone: 'GMT Standard Time' },
  { alias: 'adele', name: 'Adele Vance', jobTitle: 'Retail Manager', timeZone: 'Europe/London' },
  { alias: 'alex', name: 'Alex Wilber', jobTitle: 'Marketing Assistant', timeZone: 'Europe/London' },
  { alias: 'diego', name: 'Diego Siciliani', jobTitle: 'HR Manager', timeZone: 'W. Europe Standard Time' },
  { alias: 'grady', name: 'Grady Archie', jobTitle: 'Designer', timeZone: 'Europe/London' },
  { alias: 'isaiah', name: 'Isaiah Langer', jobTitle: 'Sales Rep', timeZone: 'Eastern Standard Time' },
  { alias: 'johanna', name: 'Johanna Lorenz', jobTitle: 'Senior Engineer', timeZone: 'Europe/Berlin' },
  { alias: 'lee', name: 'Lee Gu', jobTitle: 'Director', timeZone: 'GMT Standard Time' },
  { alias: 'lynne', name: 'Lynne Robbins', jobTitle: 'Planner', timeZone: 'Europe/London' },
  { alias: 'nestor', name: 'Nestor Wilke', jobTitle: 'Operations Director', timeZone: 'India Standard Time' },
];
const rooms = [
  { alias: 'room.everest', name: 'Room Everest' },
  { alias: 'room.kilimanjaro', name: 'Room Kilimanjaro' },
];
const external = [
  { address: 'jordan.miller@fabrikam.com', name: 'Jordan Miller (Fabrikam)' },
  { address: 'priya.patel@fabrikam.com', name: 'Priya Patel (Fabrikam)' },
  { address: 'sam.taylor@northwindtraders.com', name: 'Sam Taylor (Northwind)' },
];

const upn = (alias: string): string => `${alias}@${domain}`;

/** Two teams among the people, with fixed ids so a demo's settings and rules can name them. */
export const demoGroups = [
  {
    id: '5a1e5000-de70-4000-8000-000000000001',
    displayName: 'Sales',
    mail: `sales@${domain}`,
    description: 'Customer-facing: sales, marketing and retail',
    members: ['isaiah', 'megan', 'alex', 'adele'],
  },
  {
    id: 'e0910000-de70-4000-8000-000000000002',
    displayName: 'Engineering',
    mail: `engineering@${domain}`,
    description: 'Builds and designs the product',
    members: ['johanna', 'grady', 'lynne'],
  },
];
const person = (alias: string, type: Attendee['type'] = 'required'): Attendee => {
  const p = people.find((x) => x.alias === alias) ?? rooms.find((x) => x.alias === alias);
  return { type, emailAddress: { address: upn(alias), name: p?.name ?? alias } };
};
const room = (alias: string): Attendee => ({ ...person(alias), type: 'resource' });
const guest = (i: number): Attendee => ({ type: 'required', emailAddress: { ...(external[i] as { address: string; name: string }) } });

/**
 * A deterministic team of ten people and two rooms over four weeks around `now`: stand-ups with an
 * exception and a cancellation, 1:1s, customer meetings on Teams, all-day events, out-of-office,
 * room bookings, and declined and tentative answers; and two Entra groups, Sales and Engineering.
 */
export function demoTeam(now: Date = new Date()): SeedDocument {
  const today = Math.floor(now.getTime() / dayMs);
  const monday = today - ((new Date(today * dayMs).getUTCDay() + 6) % 7) - 7;
  const date = (offset: number): string => new Date((monday + offset) * dayMs).toISOString().slice(0, 10);
  const at = (offset: number, time: string, timeZone = 'Europe/London') => ({ dateTime: `${date(offset)}T${time}:00`, timeZone });

  const events: SeedEvent[] = [
    {
      organizer: upn('lee'),
      subject: 'Team stand-up',
      body: { contentType: 'text', content: 'Daily 15 minutes. What did you do, what will you do, blockers.' },
      start: at(0, '09:30'),
      end: at(0, '09:45'),
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], firstDayOfWeek: 'monday' },
        range: { type: 'endDate', startDate: date(0), endDate: date(25), recurrenceTimeZone: 'Europe/London' },
      },
      attendees: ['megan', 'adele', 'alex', 'grady', 'lynne'].map((a) => person(a)),
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      responses: { 'megan@contoso.com': 'accepted', 'adele@contoso.com': 'accepted', 'alex@contoso.com': 'tentativelyAccepted' },
      exceptions: [
        { originalStart: `${date(9)}T09:30:00`, patch: { start: at(9, '10:00'), end: at(9, '10:15'), subject: 'Team stand-up (moved)' } },
        { originalStart: `${date(11)}T09:30:00`, cancelled: true },
      ],
    },
    {
      organizer: upn('megan'),
      subject: '1:1 Megan / Adele',
      start: at(1, '14:00'),
      end: at(1, '14:30'),
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['tuesday'] }, range: { type: 'noEnd', startDate: date(1) } },
      attendees: [person('adele')],
      responses: { 'adele@contoso.com': 'accepted' },
      exceptions: [{ originalStart: `${date(15)}T14:00:00`, patch: { start: at(16, '15:00'), end: at(16, '15:30') } }],
    },
    {
      organizer: upn('lee'),
      subject: '1:1 Lee / Johanna',
      start: at(2, '11:00', 'Europe/Berlin'),
      end: at(2, '11:30', 'Europe/Berlin'),
      recurrence: {
        pattern: { type: 'weekly', interval: 2, daysOfWeek: ['wednesday'] },
        range: { type: 'numbered', startDate: date(2), numberOfOccurrences: 3 },
      },
      attendees: [person('johanna')],
      responses: { 'johanna@contoso.com': 'accepted' },
    },
    {
      organizer: upn('lee'),
      subject: 'Monthly all-hands',
      start: at(3, '16:00'),
      end: at(3, '17:00'),
      recurrence: {
        pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: Number(date(3).slice(8, 10)) },
        range: { type: 'numbered', startDate: date(3), numberOfOccurrences: 6 },
      },
      attendees: people
        .filter((p) => p.alias !== 'lee')
        .map((p) => person(p.alias, 'optional'))
        .concat([room('room.everest')]),
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      responses: { 'nestor@contoso.com': 'declined', 'isaiah@contoso.com': 'tentativelyAccepted', 'megan@contoso.com': 'accepted' },
    },
    {
      organizer: upn('isaiah'),
      subject: 'Fabrikam quarterly business review',
      body: { contentType: 'html', content: '<p>Agenda: renewal, roadmap, support cases.</p>' },
      start: at(8, '15:00'),
      end: at(8, '16:00'),
      attendees: [guest(0), guest(1), person('megan'), person('lee', 'optional')],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      responses: { 'megan@contoso.com': 'accepted', 'lee@contoso.com': 'declined' },
    },
    {
      organizer: upn('adele'),
      subject: 'Northwind supplier call',
      start: at(10, '13:00'),
      end: at(10, '13:45'),
      attendees: [guest(2), person('lynne')],
      location: { displayName: 'Phone' },
      responses: { 'lynne@contoso.com': 'tentativelyAccepted' },
    },
    {
      organizer: upn('diego'),
      subject: 'Hiring panel: senior designer',
      start: at(4, '10:00', 'Europe/Berlin'),
      end: at(4, '11:30', 'Europe/Berlin'),
      attendees: [person('grady'), person('johanna'), room('room.kilimanjaro')],
      location: { displayName: 'Room Kilimanjaro' },
      responses: { 'grady@contoso.com': 'accepted', 'johanna@contoso.com': 'declined' },
    },
    {
      organizer: upn('grady'),
      subject: 'Design review',
      start: at(7, '10:00'),
      end: at(7, '11:00'),
      attendees: [person('megan'), person('alex'), room('room.everest')],
      location: { displayName: 'Room Everest' },
      responses: { 'megan@contoso.com': 'accepted', 'alex@contoso.com': 'accepted' },
    },
    {
      organizer: upn('megan'),
      subject: 'Contoso Marketing Summit',
      isAllDay: true,
      start: { dateTime: `${date(16)}T00:00:00`, timeZone: 'Europe/London' },
      end: { dateTime: `${date(18)}T00:00:00`, timeZone: 'Europe/London' },
      location: { displayName: 'Manchester Central' },
      showAs: 'workingElsewhere',
    },
    {
      organizer: upn('alex'),
      subject: 'Out of office - holiday',
      isAllDay: true,
      start: { dateTime: `${date(21)}T00:00:00`, timeZone: 'Europe/London' },
      end: { dateTime: `${date(26)}T00:00:00`, timeZone: 'Europe/London' },
      showAs: 'oof',
    },
    {
      organizer: upn('nestor'),
      subject: 'Out of office - travel to Seattle',
      isAllDay: true,
      start: { dateTime: `${date(12)}T00:00:00`, timeZone: 'Asia/Kolkata' },
      end: { dateTime: `${date(14)}T00:00:00`, timeZone: 'Asia/Kolkata' },
      showAs: 'oof',
    },
    {
      organizer: upn('johanna'),
      subject: 'Focus time',
      start: at(1, '13:00', 'Europe/Berlin'),
      end: at(1, '15:00', 'Europe/Berlin'),
      recurrence: { pattern: { type: 'daily', interval: 2 }, range: { type: 'endDate', startDate: date(1), endDate: date(19) } },
      showAs: 'busy',
      categories: ['Focus'],
      isReminderOn: false,
    },
    {
      organizer: upn('lynne'),
      subject: 'Dentist',
      start: at(9, '08:00'),
      end: at(9, '09:00'),
      sensitivity: 'private',
      showAs: 'oof',
    },
    {
      organizer: upn('isaiah'),
      subject: 'Pipeline review',
      start: at(14, '11:00', 'America/New_York'),
      end: at(14, '11:30', 'America/New_York'),
      attendees: [person('lee'), person('nestor')],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      responses: { 'lee@contoso.com': 'accepted', 'nestor@contoso.com': 'tentativelyAccepted' },
    },
  ];
  // Spread a few more internal meetings deterministically over the working days.
  const aliases = people.map((p) => p.alias);
  for (let i = 0; i < 16; i++) {
    const day = ((i * 3) % 20) + Math.floor(((i * 3) % 20) / 5) * 2;
    const organizer = aliases[i % aliases.length] as string;
    const other = aliases[(i * 7 + 3) % aliases.length] as string;
    if (other === organizer) continue;
    events.push({
      organizer: upn(organizer),
      subject: ['Project sync', 'Budget check-in', 'Campaign planning', 'Retro'][i % 4] as string,
      start: at(day, `${String(10 + (i % 6)).padStart(2, '0')}:00`),
      end: at(day, `${String(10 + (i % 6)).padStart(2, '0')}:45`),
      attendees: [person(other)],
      responses: { [upn(other)]: i % 5 === 0 ? 'declined' : i % 3 === 0 ? 'tentativelyAccepted' : 'accepted' },
    });
  }
  return {
    users: [
      ...people.map((p) => ({
        userPrincipalName: upn(p.alias),
        displayName: p.name,
        jobTitle: p.jobTitle,
        timeZone: p.timeZone,
        masterCategories: [
          { displayName: 'Red category', color: 'preset0' as const },
          { displayName: 'Focus', color: 'preset7' as const },
        ],
      })),
      ...rooms.map((r) => ({ userPrincipalName: upn(r.alias), displayName: r.name, isResource: true, timeZone: 'Europe/London' })),
    ],
    events,
    groups: demoGroups.map((g) => ({ ...g, members: g.members.map(upn) })),
  };
}

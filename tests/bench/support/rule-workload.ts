/** 50 rules of the kinds customers write, and seeded synthetic events they run against. */
import type { CalendarEvent, Condition, Rule } from '../../../shared';
import { IMPORTANCE, RESPONSE_STATUS, SHOW_AS, SENSITIVITY, toPerson } from '../../../shared';
import { pick, seededRandom } from './prng';

const p = (field: string, op: string, value: unknown, caseSensitive?: boolean): Condition =>
  ({ field, op, value, ...(caseSensitive ? { caseSensitive } : {}) }) as Condition;

/** The subject keywords the workload's rules look for (the hand-written rules share them). */
export const KEYWORDS = [
  'interview',
  'standup',
  'review',
  'offsite',
  'customer',
  'board',
  'training',
  'lunch',
  'retro',
  'planning',
  'demo',
  'all hands',
  'hiring',
  'budget',
  'launch',
];

/** The Entra groups the workload's team rules are for. */
export const BENCH_TEAMS = { sales: '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10', engineering: '7a2d3b5f-1c8e-4d9f-8b62-4e3f8f9cad21' } as const;

export function realisticRules(): Rule[] {
  const whens: Array<[string, Condition, boolean?]> = [
    ['External', { all: [p('hasExternalAttendees', 'is', true), { not: p('subject', 'contains', 'lunch') }] }],
    ['1:1', p('isOneOnOne', 'is', true)],
    ['Large meeting', p('attendeeCount', 'gte', 8)],
    ['Long meeting', p('durationMinutes', 'gt', 90)],
    ['Quick chat', p('durationMinutes', 'lte', 15)],
    ['Early', p('startTime', 'before', '09:00')],
    ['Late', p('startTime', 'after', '17:30')],
    ['Lunchtime', p('startTime', 'between', ['12:00', '13:30'])],
    ['Friday', p('dayOfWeek', 'equals', 'friday')],
    ['Weekend', p('dayOfWeek', 'in', ['saturday', 'sunday'])],
    ['Out of office', p('showAs', 'equals', 'oof')],
    ['Tentative', p('responseStatus', 'equals', 'tentativelyAccepted')],
    ['Declined', p('responseStatus', 'equals', 'declined')],
    ['Needs reply', { all: [p('responseStatus', 'in', ['none', 'notResponded']), p('isOrganizer', 'is', false)] }],
    ['Teams', { all: [p('isOnlineMeeting', 'is', true), p('onlineMeetingProvider', 'equals', 'teamsForBusiness')] }],
    ['In person', { all: [p('isOnlineMeeting', 'is', false), p('location', 'notEquals', '')] }],
    ['Recurring', p('isRecurring', 'is', true)],
    ['All day', p('isAllDay', 'is', true)],
    ['Private', p('sensitivity', 'in', ['private', 'confidential']), true],
    ['Important', p('importance', 'equals', 'high')],
    ['Organised by me', p('isOrganizer', 'is', true)],
    ['Fabrikam', p('attendeeDomains', 'equals', 'fabrikam.com')],
    ['Partners', p('attendeeDomains', 'in', ['northwind.org', 'tailspin.io', 'adatum.net'])],
    ['From a partner', p('organizerDomain', 'in', ['northwind.org', 'tailspin.io'])],
    ['Exec', p('attendees', 'in', ['ceo@contoso.com', 'cfo@contoso.com'])],
    ['With CEO', p('organizer', 'equals', 'ceo@contoso.com')],
    ['Project code', p('subject', 'matches', '\\bPRJ-[0-9]{3}\\b')],
    ['Ticket', p('body', 'matches', '(JIRA|ADO)-[0-9]+')],
    ['Travel', { any: [p('subject', 'startsWith', 'flight'), p('subject', 'startsWith', 'train'), p('location', 'contains', 'airport')] }],
    ['Room booked', p('location', 'startsWith', 'room')],
    ['Billable', p('categories', 'equals', 'billable')],
    ['Not yet sorted', { not: p('categories', 'contains', 'project') }],
    ['Focus', { all: [p('attendeeCount', 'eq', 0), p('showAs', 'equals', 'busy')] }],
    ['Free time', p('showAs', 'in', ['free', 'workingElsewhere'])],
    ['Internal big review', { all: [p('hasExternalAttendees', 'is', false), p('subject', 'contains', 'review'), p('attendeeCount', 'gt', 4)] }],
    ...KEYWORDS.map((k): [string, Condition] => [k[0]!.toUpperCase() + k.slice(1), p('subject', 'contains', k)]),
  ];
  return whens.slice(0, 50).map(([category, when, stop], i) => ({
    id: `r_${String(i).padStart(3, '0')}`,
    name: category,
    scope: i % 5 === 4 ? 'personal' : 'org',
    // Ten org rules are for a team (issue #16): five for Sales, five for Engineering.
    ...(i % 10 === 1 ? { appliesTo: { groups: [BENCH_TEAMS.sales] } } : i % 10 === 3 ? { appliesTo: { groups: [BENCH_TEAMS.engineering] } } : {}),
    enabled: true,
    order: i,
    when,
    then: { category, color: `preset${i % 25}` as Rule['then']['color'], stop: stop ?? false },
  }));
}

const INTERNAL = ['ada', 'bob', 'cy', 'dee', 'eve', 'fay', 'gus', 'hal', 'ivy', 'jo', 'ceo', 'cfo'];
const EXTERNAL_DOMAINS = ['fabrikam.com', 'northwind.org', 'tailspin.io', 'adatum.net', 'gmail.com'];
const SUBJECT_PARTS = [...KEYWORDS, 'sync', 'catch-up', 'PRJ-104 kickoff', 'Flight to Oslo', 'Train home', 'design', '1:1', 'Q3 plan', 'Budget Review'];
const LOCATIONS = ['', '', 'Room 1', 'Room 12 (Oslo)', 'Microsoft Teams Meeting', 'Airport lounge', 'Cafe'];

export function syntheticEvents(count: number, seed: number): CalendarEvent[] {
  const rand = seededRandom(seed);
  const events: CalendarEvent[] = [];
  for (let i = 0; i < count; i++) {
    const organizer = rand() < 0.8 ? toPerson(`${pick(rand, INTERNAL)}@contoso.com`)! : toPerson(`x${i % 50}@${pick(rand, EXTERNAL_DOMAINS)}`)!;
    const n = Math.floor(rand() * rand() * 12);
    const attendees = [];
    for (let k = 0; k < n; k++) {
      attendees.push(rand() < 0.85 ? toPerson(`${pick(rand, INTERNAL)}${k}@contoso.com`)! : toPerson(`guest${k}@${pick(rand, EXTERNAL_DOMAINS)}`)!);
    }
    const day = 1 + Math.floor(rand() * 28);
    const startMin = 7 * 60 + Math.floor(rand() * 48) * 15;
    const duration = pick(rand, [15, 30, 30, 45, 60, 60, 90, 120, 240]);
    const wall = (m: number) =>
      `2026-11-${String(day).padStart(2, '0')}T${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const subject = `${pick(rand, SUBJECT_PARTS)}${rand() < 0.5 ? ` ${pick(rand, SUBJECT_PARTS)}` : ''}`;
    events.push({
      id: `e${i}`,
      subject,
      body: rand() < 0.1 ? `See JIRA-${Math.floor(rand() * 999)} for details` : 'Agenda to follow. Notes in the shared doc.',
      location: pick(rand, LOCATIONS),
      organizer,
      attendees,
      isOnlineMeeting: rand() < 0.5,
      onlineMeetingProvider: rand() < 0.9 ? 'teamsForBusiness' : 'unknown',
      isRecurring: rand() < 0.3,
      isAllDay: rand() < 0.03,
      showAs: pick(rand, SHOW_AS),
      responseStatus: pick(rand, RESPONSE_STATUS),
      sensitivity: rand() < 0.95 ? 'normal' : pick(rand, SENSITIVITY),
      importance: rand() < 0.9 ? 'normal' : pick(rand, IMPORTANCE),
      start: wall(startMin),
      end: wall(startMin + duration),
      durationMinutes: duration,
      isOrganizer: organizer.address.startsWith('ada@'),
      categories: rand() < 0.2 ? [pick(rand, ['Billable', 'Project X', 'Blue'])] : [],
    });
  }
  return events;
}

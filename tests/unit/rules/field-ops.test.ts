/**
 * Every field × every operator that fits it: a value, an event that matches, an event that does not, run
 * against both evaluators (the generated function and the closures a strict CSP gets). Boundary rows pin
 * inclusive/exclusive ends. The last test fails if a field or operator is added without a row here.
 */
import { compileRuleSet, FIELDS, OPS_BY_TYPE, parseRule, type CalendarEvent, type FieldName } from '../../../shared';
import { makeEvent, person } from '../../factories/events';
import { makeRule } from '../../factories/rules';

type Row = [field: FieldName, op: string, value: unknown, matching: Partial<CalendarEvent>, other: Partial<CalendarEvent>, caseSensitive?: boolean];
type Evaluator = 'generated' | 'closures';

const ext = [person('lee@fabrikam.com')];
const two = [person('bob@contoso.com'), person('lee@fabrikam.com')];

function textRows(field: 'subject' | 'body' | 'location', yes: string, no: string): Row[] {
  const ev = (s: string) => ({ [field]: s }) as Partial<CalendarEvent>;
  return [
    [field, 'equals', 'budget review', ev(yes), ev(no)],
    [field, 'notEquals', 'budget review', ev(no), ev(yes)],
    [field, 'contains', 'budget', ev(yes), ev(no)],
    [field, 'notContains', 'budget', ev(no), ev(yes)],
    [field, 'startsWith', 'budget', ev(yes), ev(no)],
    [field, 'endsWith', 'review', ev(yes), ev(no)],
    [field, 'matches', '^bud.et\\s+rev', ev(yes), ev(no)],
    [field, 'in', ['budget review', 'x'], ev(yes), ev(no)],
    [field, 'notIn', ['budget review', 'x'], ev(no), ev(yes)],
    [field, 'contains', 'Budget', ev('Budget Review'), ev('budget review'), true],
    // matches ignores case by default (the rows above) and honours caseSensitive.
    [field, 'matches', '^Bud.et', ev('Budget Review'), ev('budget review'), true],
    [field, 'matches', '^BUDGET', ev('budget review'), ev('Team budget'), false],
  ];
}

const org = (address: string) => ({ organizer: person(address) });
const att = (...addresses: string[]) => ({ attendees: addresses.map((a) => person(a)) });
const cats = (...c: string[]) => ({ categories: c });

const ROWS: Row[] = [
  ...textRows('subject', 'Budget Review', 'Team lunch'),
  ...textRows('body', 'BUDGET REVIEW', 'notes'),
  ...textRows('location', 'budget review', 'Room 2'),
  ['organizer', 'equals', 'ada@contoso.com', org('Ada@Contoso.com'), org('lee@fabrikam.com')],
  ['organizer', 'notEquals', 'ada@contoso.com', org('lee@fabrikam.com'), org('ada@contoso.com')],
  ['organizer', 'contains', 'ada', org('ada@contoso.com'), org('lee@fabrikam.com')],
  ['organizer', 'notContains', 'ada', org('lee@fabrikam.com'), org('ada@contoso.com')],
  ['organizer', 'startsWith', 'ada@', org('ada@contoso.com'), org('lee@fabrikam.com')],
  ['organizer', 'endsWith', '@fabrikam.com', org('lee@fabrikam.com'), org('ada@contoso.com')],
  ['organizer', 'matches', '^(ada|bob)@', org('bob@contoso.com'), org('lee@fabrikam.com')],
  ['organizer', 'in', ['ada@contoso.com'], org('ada@contoso.com'), org('lee@fabrikam.com')],
  ['organizer', 'notIn', ['ada@contoso.com'], org('lee@fabrikam.com'), org('ada@contoso.com')],
  ['organizerDomain', 'equals', 'fabrikam.com', org('lee@fabrikam.com'), org('ada@contoso.com')],
  ['organizerDomain', 'notEquals', 'contoso.com', org('lee@fabrikam.com'), org('ada@contoso.com')],
  ['organizerDomain', 'contains', 'fabrik', org('lee@fabrikam.com'), org('ada@contoso.com')],
  ['organizerDomain', 'notContains', 'contoso', org('lee@fabrikam.com'), org('ada@contoso.com')],
  ['organizerDomain', 'startsWith', 'fab', org('lee@fabrikam.com'), org('ada@contoso.com')],
  ['organizerDomain', 'endsWith', '.com', org('lee@fabrikam.com'), org('ada@contoso.org')],
  ['organizerDomain', 'matches', '^fab', org('lee@fabrikam.com'), org('ada@contoso.com')],
  ['organizerDomain', 'in', ['fabrikam.com', 'tailspin.com'], org('lee@fabrikam.com'), org('ada@contoso.com')],
  ['organizerDomain', 'notIn', ['contoso.com'], org('lee@fabrikam.com'), org('ada@contoso.com')],
  // Lists: positive operators mean "some element …"; the negated ones are exactly their `not`.
  ['attendees', 'equals', 'lee@fabrikam.com', att('bob@contoso.com', 'lee@fabrikam.com'), att('bob@contoso.com')],
  ['attendees', 'notEquals', 'lee@fabrikam.com', att('bob@contoso.com'), att('bob@contoso.com', 'lee@fabrikam.com')],
  ['attendees', 'contains', 'lee', att('lee@fabrikam.com'), att('bob@contoso.com')],
  ['attendees', 'notContains', 'lee', att('bob@contoso.com'), att('lee@fabrikam.com')],
  ['attendees', 'startsWith', 'lee@', att('lee@fabrikam.com'), att('bob@contoso.com')],
  ['attendees', 'endsWith', '@fabrikam.com', att('lee@fabrikam.com'), att('bob@contoso.com')],
  ['attendees', 'matches', '^l.e@', att('bob@contoso.com', 'lee@fabrikam.com'), att('bob@contoso.com')],
  ['attendees', 'in', ['lee@fabrikam.com', 'x@y.z'], att('lee@fabrikam.com'), att('bob@contoso.com')],
  ['attendees', 'notIn', ['lee@fabrikam.com'], att('bob@contoso.com'), att('bob@contoso.com', 'lee@fabrikam.com')],
  ['attendeeDomains', 'equals', 'fabrikam.com', att('lee@fabrikam.com'), att('bob@contoso.com')],
  ['attendeeDomains', 'notEquals', 'fabrikam.com', att('bob@contoso.com'), att('lee@fabrikam.com')],
  ['attendeeDomains', 'contains', 'fabrik', att('lee@fabrikam.com'), att('bob@contoso.com')],
  ['attendeeDomains', 'notContains', 'fabrik', att('bob@contoso.com'), att('lee@fabrikam.com')],
  ['attendeeDomains', 'startsWith', 'fab', att('lee@fabrikam.com'), att('bob@contoso.com')],
  ['attendeeDomains', 'endsWith', 'kam.com', att('lee@fabrikam.com'), att('bob@contoso.com')],
  ['attendeeDomains', 'matches', 'kam\\.com$', att('lee@fabrikam.com'), att('bob@contoso.com')],
  ['attendeeDomains', 'in', ['fabrikam.com'], att('lee@fabrikam.com'), att('bob@contoso.com')],
  ['attendeeDomains', 'notIn', ['fabrikam.com'], att('bob@contoso.com'), att('lee@fabrikam.com')],
  ['categories', 'equals', 'external', cats('Blue', 'External'), cats('Blue')],
  ['categories', 'notEquals', 'external', cats('Blue'), cats('External')],
  ['categories', 'contains', 'proj', cats('Project X'), cats('Blue')],
  ['categories', 'notContains', 'proj', cats('Blue'), cats('Project X')],
  ['categories', 'startsWith', 'project', cats('Project X'), cats('My project')],
  ['categories', 'endsWith', ' x', cats('Project X'), cats('Project Y')],
  ['categories', 'matches', '^project [a-z]$', cats('Project X'), cats('Project XY')],
  ['categories', 'in', ['billable', 'non-billable'], cats('Billable'), cats('Blue')],
  ['categories', 'notIn', ['billable'], cats('Blue'), cats('Billable')],
  ['categories', 'equals', 'Billable', cats('Billable'), cats('billable'), true],
  ['categories', 'matches', '^Proj', cats('Blue', 'Project X'), cats('project x'), true],
  ['categories', 'matches', '^PROJ', cats('Blue', 'project x'), cats('Blue'), false],
  ['attendeeCount', 'eq', 2, { attendees: two }, { attendees: ext }],
  ['attendeeCount', 'ne', 2, { attendees: ext }, { attendees: two }],
  ['attendeeCount', 'gt', 1, { attendees: two }, { attendees: ext }],
  ['attendeeCount', 'gte', 2, { attendees: two }, { attendees: ext }],
  ['attendeeCount', 'lt', 2, { attendees: ext }, { attendees: two }],
  ['attendeeCount', 'lte', 1, { attendees: ext }, { attendees: two }],
  ['attendeeCount', 'between', [2, 5], { attendees: two }, { attendees: [] }],
  // Boundaries: gte/lte hold at equality, between is inclusive at both ends.
  ['attendeeCount', 'gte', 1, { attendees: ext }, { attendees: [] }],
  ['attendeeCount', 'lte', 2, { attendees: two }, { attendees: [...two, person('cy@contoso.com')] }],
  ['attendeeCount', 'between', [1, 2], { attendees: ext }, { attendees: [] }],
  ['attendeeCount', 'between', [1, 2], { attendees: two }, { attendees: [...two, person('cy@contoso.com')] }],
  ['durationMinutes', 'eq', 30, { durationMinutes: 30 }, { durationMinutes: 60 }],
  ['durationMinutes', 'ne', 30, { durationMinutes: 60 }, { durationMinutes: 30 }],
  ['durationMinutes', 'gt', 120, { durationMinutes: 240 }, { durationMinutes: 120 }],
  ['durationMinutes', 'gte', 120, { durationMinutes: 120 }, { durationMinutes: 119 }],
  ['durationMinutes', 'lt', 15, { durationMinutes: 10 }, { durationMinutes: 15 }],
  ['durationMinutes', 'lte', 15, { durationMinutes: 15 }, { durationMinutes: 16 }],
  ['durationMinutes', 'between', [15, 30], { durationMinutes: 30 }, { durationMinutes: 31 }],
  ['durationMinutes', 'between', [15, 30], { durationMinutes: 15 }, { durationMinutes: 14 }],
  ['durationMinutes', 'between', [45, 45], { durationMinutes: 45 }, { durationMinutes: 44 }],
  ['durationMinutes', 'gte', 120, { durationMinutes: 121 }, { durationMinutes: 0 }],
  ['durationMinutes', 'lte', 15, { durationMinutes: 14 }, { durationMinutes: 1440 }],
  ['isOneOnOne', 'is', true, { attendees: ext }, { attendees: two }],
  ['isOneOnOne', 'is', false, { attendees: two }, { attendees: ext }],
  ['hasExternalAttendees', 'is', true, { attendees: two }, { attendees: [person('bob@contoso.com')] }],
  ['hasExternalAttendees', 'is', true, { organizer: person('lee@fabrikam.com'), attendees: [] }, { attendees: [] }],
  ['isOnlineMeeting', 'is', true, { isOnlineMeeting: true }, { isOnlineMeeting: false }],
  ['isRecurring', 'is', true, { isRecurring: true }, { isRecurring: false }],
  ['isAllDay', 'is', true, { isAllDay: true }, { isAllDay: false }],
  ['isOrganizer', 'is', false, { isOrganizer: false }, { isOrganizer: true }],
  ['onlineMeetingProvider', 'equals', 'teamsForBusiness', { onlineMeetingProvider: 'teamsForBusiness' }, { onlineMeetingProvider: 'unknown' }],
  [
    'onlineMeetingProvider',
    'in',
    ['skypeForBusiness', 'skypeForConsumer'],
    { onlineMeetingProvider: 'skypeForConsumer' },
    { onlineMeetingProvider: 'teamsForBusiness' },
  ],
  ['showAs', 'equals', 'oof', { showAs: 'oof' }, { showAs: 'busy' }],
  ['showAs', 'in', ['free', 'tentative'], { showAs: 'free' }, { showAs: 'busy' }],
  ['responseStatus', 'equals', 'declined', { responseStatus: 'declined' }, { responseStatus: 'accepted' }],
  ['responseStatus', 'in', ['tentativelyAccepted', 'notResponded'], { responseStatus: 'notResponded' }, { responseStatus: 'accepted' }],
  ['sensitivity', 'equals', 'private', { sensitivity: 'private' }, { sensitivity: 'normal' }],
  ['sensitivity', 'in', ['private', 'confidential'], { sensitivity: 'confidential' }, { sensitivity: 'personal' }],
  ['importance', 'equals', 'high', { importance: 'high' }, { importance: 'normal' }],
  ['importance', 'in', ['low', 'high'], { importance: 'low' }, { importance: 'normal' }],
  ['dayOfWeek', 'equals', 'friday', { start: '2026-11-27T09:00' }, { start: '2026-11-24T09:00' }],
  ['dayOfWeek', 'in', ['saturday', 'sunday'], { start: '2026-11-29T09:00' }, { start: '2026-11-30T09:00' }],
  ['startTime', 'before', '09:00', { start: '2026-11-24T08:59' }, { start: '2026-11-24T09:00' }],
  ['startTime', 'after', '17:00', { start: '2026-11-24T17:00' }, { start: '2026-11-24T16:59' }],
  ['startTime', 'between', ['12:00', '14:00'], { start: '2026-11-24T12:00' }, { start: '2026-11-24T14:00' }],
  ['startTime', 'between', ['22:00', '06:00'], { start: '2026-11-24T05:30' }, { start: '2026-11-24T06:00' }],
  // Exact minute boundaries: before is exclusive, after inclusive, between [from, to).
  ['startTime', 'before', '09:00', { start: '2026-11-24T00:00' }, { start: '2026-11-24T09:01' }],
  ['startTime', 'after', '17:00', { start: '2026-11-24T23:59' }, { start: '2026-11-24T00:00' }],
  ['startTime', 'between', ['12:00', '14:00'], { start: '2026-11-24T13:59' }, { start: '2026-11-24T11:59' }],
  ['startTime', 'between', ['12:00', '14:00'], { start: '2026-11-24T12:01' }, { start: '2026-11-24T14:01' }],
  // A window wrapping midnight: from inclusive, to exclusive, holding on both sides of 00:00.
  ['startTime', 'between', ['22:00', '06:00'], { start: '2026-11-24T22:00' }, { start: '2026-11-24T21:59' }],
  ['startTime', 'between', ['22:00', '06:00'], { start: '2026-11-24T00:00' }, { start: '2026-11-24T12:00' }],
  ['startTime', 'between', ['22:00', '06:00'], { start: '2026-11-24T23:59' }, { start: '2026-11-24T06:01' }],
  ['startTime', 'between', ['22:00', '06:00'], { start: '2026-11-24T05:59' }, { start: '2026-11-24T06:00' }],
  ['startTime', 'between', ['23:59', '00:00'], { start: '2026-11-24T23:59' }, { start: '2026-11-24T00:00' }],
];

function evaluate([field, op, value, , , caseSensitive]: Row, event: CalendarEvent, evaluator: Evaluator): boolean {
  const parsed = parseRule(makeRule({ when: { field, op, value, ...(caseSensitive !== undefined ? { caseSensitive } : {}) } as never }));
  if (!parsed.ok) throw new Error(`row ${field} ${op} is not a valid rule: ${JSON.stringify(parsed.issues)}`);
  const set = compileRuleSet([parsed.value], { internalDomains: ['contoso.com'] }, { generated: evaluator === 'generated' });
  const matched = set.evaluate(event).matches.length === 1;
  // categoriesFor is the sync's path (no explanations): it must agree with evaluate.
  expect(set.categoriesFor(event).length === 1).toBe(matched);
  return matched;
}

const caseLabel = (c: boolean | undefined) => (c === true ? ' (case-sensitive)' : c === false ? ' (caseSensitive: false)' : '');

describe.each<Evaluator>(['generated', 'closures'])('every field × operator, %s evaluator', (evaluator) => {
  test.each(ROWS.map((r) => [`${r[0]} ${r[1]} ${JSON.stringify(r[2])}${caseLabel(r[5])}: ${JSON.stringify(r[3])}`, r] as const))('%s', (_name, row) => {
    expect(evaluate(row, makeEvent(row[3]), evaluator)).toBe(true);
    expect(evaluate(row, makeEvent(row[4]), evaluator)).toBe(false);
  });
});

describe('the field × operator table', () => {
  test('the table covers every field with every operator its type allows', () => {
    const covered = new Set(ROWS.map(([f, op]) => `${f}:${op}`));
    const missing = (Object.keys(FIELDS) as FieldName[]).flatMap((f) => OPS_BY_TYPE[FIELDS[f].type].map((op) => `${f}:${op}`)).filter((k) => !covered.has(k));
    expect(missing).toEqual([]);
  });
});

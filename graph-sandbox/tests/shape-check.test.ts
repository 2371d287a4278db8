import { attendee, singleEvent, smallTenant } from './support/factories';
import { eventShape, mailboxSettingsShape } from './support/graph-doc-samples';
import { loadGraphTypes } from './support/graph-types-index';
import { knownDeviations } from './support/known-deviations';
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { collectionOf, shapeDifferences, summarize, type DocShape } from './support/shape-check';

describe('shape check: microsoft-graph-types index', () => {
  const types = loadGraphTypes();

  it('follows extends chains: Event → OutlookItem → Entity', () => {
    const event = types.properties('Event');
    expect(event?.get('subject')).toEqual({ nullable: true, array: false, base: 'string' });
    expect(event?.get('changeKey')).toEqual({ nullable: true, array: false, base: 'string' });
    expect(event?.get('id')).toEqual({ nullable: false, array: false, base: 'string' });
    expect(event?.get('attendees')).toEqual({ nullable: true, array: true, base: 'Attendee' });
    expect(event?.has('uid')).toBe(false);
  });

  it('reads enumerations as strings, empty interfaces as empty, and knows no made-up names', () => {
    expect(types.properties('Event')?.get('type')?.base).toBe('string');
    expect(types.properties('ResourceData')?.size).toBe(0);
    expect(types.properties('Attendee')?.has('emailAddress')).toBe(true);
    expect(types.properties('NoSuchThing')).toBeUndefined();
  });
});

describe('shape check: both ways', () => {
  const page: DocShape = {
    source: 'test',
    sample: {
      '@odata.context': 'ctx',
      value: [{ id: 'a', subject: 's', attendees: [{ type: 'required', emailAddress: { name: 'n', address: 'a@b' } }], seriesMasterId: null }],
    },
    type: collectionOf('Event'),
    annotations: ['@odata.nextLink'],
  };
  const item = { id: 'x', subject: 't', attendees: [{ type: 'optional', emailAddress: { name: 'm', address: 'c@d' } }], seriesMasterId: 'm' };

  it('accepts a matching response, fields the types declare, and documented annotations', () => {
    const actual = { '@odata.context': 'c', '@odata.nextLink': 'n', value: [item, { ...item, cancelledOccurrences: [], isOnlineMeeting: null }] };
    expect(shapeDifferences(page, actual)).toEqual([]);
  });

  it('reports a missing field, a wrong type, and null where neither sample nor type allows it', () => {
    const actual = {
      '@odata.context': 'c',
      value: [{ id: null, subject: 1, attendees: [{ type: 'required', emailAddress: { name: 'n' } }], seriesMasterId: null }],
    };
    expect(shapeDifferences(page, actual)).toEqual([
      '$.value[0].id: expected string, got null',
      '$.value[0].subject: expected string, got number',
      '$.value[0].attendees[0].emailAddress.address: missing',
    ]);
  });

  it('reports a misspelt field at any depth and in any array element', () => {
    const nested = { ...item, attendees: [{ ...item.attendees[0], emailAddress: { name: 'n', address: 'a', adress: 'a' } }] };
    const actual = { '@odata.context': 'c', value: [item, item, { ...item, subjet: 't' }, nested] };
    expect(shapeDifferences(page, actual)).toEqual([
      '$.value[2].subjet: not in the doc sample nor in Event',
      '$.value[3].attendees[0].emailAddress.adress: not in the doc sample nor in EmailAddress',
    ]);
  });

  it('reports a wrong type on a field only the types declare, and an undocumented annotation', () => {
    const actual = { '@odata.context': 'c', '@odata.count': 1, value: [{ ...item, isDraft: 'no' }] };
    expect(shapeDifferences(page, actual)).toEqual([
      '$.value[0].isDraft: expected boolean, got string',
      '$.@odata.count: not in the doc sample nor in the response structure',
    ]);
  });

  it('refuses a type name microsoft-graph-types does not have', () => {
    expect(() => shapeDifferences({ source: 'test', sample: {}, type: 'Evnt' }, { a: 1 })).toThrow('no interface Evnt');
  });
});

describe('shape check: a sandbox response, mutated in a copy', () => {
  let h: SandboxHarness;
  let event: Record<string, unknown>;
  const copy = <T>(v: T): T => structuredClone(v);

  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
    const created = await h.client
      .api('/users/olivia@contoso.com/events')
      .post(singleEvent('Copy', 2, { attendees: [attendee('ada@contoso.com')], location: { displayName: 'Cafe' } }));
    event = (await h.raw('GET', `/v1.0/users/olivia@contoso.com/events/${created.id}`)).body;
  });
  afterAll(() => h.close());

  it('as served, differs only by the known deviations', () => {
    expect(summarize(shapeDifferences(eventShape, event))).toEqual(knownDeviations.event);
  });

  it('a misspelt field the sandbox might emit is caught', () => {
    const { subject, ...rest } = copy(event);
    const organizer = copy(event.organizer) as Record<string, unknown>;
    const misspelt = { ...rest, subjcet: subject, organizer: { ...organizer, emailAdress: organizer.emailAddress } };
    expect(shapeDifferences(eventShape, misspelt)).toEqual(
      expect.arrayContaining([
        '$.subject: missing',
        '$.subjcet: not in the doc sample nor in Event',
        '$.organizer.emailAdress: not in the doc sample nor in Recipient',
      ]),
    );
  });

  it('a sample field renamed is caught', () => {
    const { subject, ...rest } = eventShape.sample;
    const altered: DocShape = { ...eventShape, sample: { ...rest, subjekt: subject } };
    expect(shapeDifferences(altered, event)).toEqual(expect.arrayContaining(['$.subjekt: missing']));
  });

  it('a $batch inner body with a misspelt field is caught', async () => {
    const res = await h.raw('POST', '/v1.0/$batch', { body: { requests: [{ id: '1', method: 'GET', url: '/users/ada@contoso.com/mailboxSettings' }] } });
    const body = copy(res.body.responses[0].body);
    body.timezone = body.timeZone;
    delete body.timeZone;
    expect(shapeDifferences(mailboxSettingsShape, body)).toEqual(
      expect.arrayContaining(['$.timeZone: missing', '$.timezone: not in the doc sample nor in MailboxSettings']),
    );
  });
});

/** Preview runs Graph events through the engine, with saved or unsaved rules, on each store; it never writes. */
import { startTestApi, type AuthedClient, type TestApi } from '../support/app';
import { externalRule, orgDraft, personalDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';

const meeting = (id: string, subject: string, attendees: string[]) => ({
  id,
  subject,
  start: { dateTime: '2026-03-02T10:00:00.0000000', timeZone: 'UTC' },
  end: { dateTime: '2026-03-02T10:30:00.0000000', timeZone: 'UTC' },
  organizer: { emailAddress: { address: 'alice@contoso.com', name: 'Alice' } },
  attendees: attendees.map((a) => ({ type: 'required', emailAddress: { address: a, name: a } })),
});

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  let alice: AuthedClient;
  beforeAll(async () => {
    api = await startTestApi(kind);
    alice = await api.as('aliceA');
    await api.createRule('adminA', externalRule('org'));
    await api.createRule(
      'aliceA',
      personalDraft({ name: 'Standups', when: { field: 'subject', op: 'contains', value: 'standup' }, then: { category: 'Standup', color: 'preset4' } }),
    );
  });
  afterAll(() => api.close());

  test("without rules it uses the caller's effective rules and says why", async () => {
    const res = await alice
      .post('/api/preview')
      .send({ events: [meeting('e1', 'Daily standup', ['bob@contoso.com']), meeting('e2', 'Vendor call', ['sam@vendor.example'])] })
      .expect(200);
    expect(res.body.results).toEqual([
      {
        eventId: 'e1',
        categories: ['Standup'],
        matches: [expect.objectContaining({ ruleName: 'Standups', category: 'Standup', why: [expect.stringContaining('Subject contains "standup"')] })],
      },
      { eventId: 'e2', categories: ['External'], matches: [expect.objectContaining({ ruleName: 'External meetings', scope: 'org', category: 'External' })] },
    ]);
  });

  test('unsaved rules are previewed merged over the saved ones, and nothing is stored', async () => {
    const before = await api.snapshot();
    const draft = personalDraft({
      name: 'Vendors',
      when: { field: 'subject', op: 'startsWith', value: 'vendor' },
      then: { category: 'Vendor', color: 'preset9' },
    });
    const res = await alice
      .post('/api/preview')
      .send({ events: [meeting('e2', 'Vendor call', ['sam@vendor.example'])], rules: [draft] })
      .expect(200);
    expect(res.body.results[0].categories).toEqual(['External', 'Vendor']);
    const only = await alice
      .post('/api/preview')
      .send({ events: [meeting('e2', 'Vendor call', ['sam@vendor.example'])], rules: [draft], rulesMode: 'only' })
      .expect(200);
    expect(only.body.results[0].categories).toEqual(['Vendor']);
    expect(await api.snapshot()).toEqual(before);
  });

  test('an edited saved rule replaces the saved version in the preview', async () => {
    const saved = (await alice.get('/api/rules?scope=personal')).body.items[0];
    const edited = { ...saved, then: { category: 'Renamed', color: 'preset4' } };
    const res = await alice
      .post('/api/preview')
      .send({ events: [meeting('e1', 'Daily standup', [])], rules: [edited] })
      .expect(200);
    expect(res.body.results[0].categories).toEqual(['Renamed']);
  });

  test('the tenant internal domains decide who is external', async () => {
    const admin = await api.as('adminA');
    const s = await admin.get('/api/settings');
    await admin
      .put('/api/settings')
      .set('If-Match', s.headers.etag!)
      .send({ ...s.body, etag: undefined, updatedAt: undefined, updatedBy: undefined, internalDomains: ['contoso.com', 'vendor.example'] })
      .expect(200);
    const res = await alice
      .post('/api/preview')
      .send({ events: [meeting('e2', 'Vendor call', ['sam@vendor.example'])] })
      .expect(200);
    expect(res.body.results[0].categories).toEqual([]);
  });

  test('timeZone decides the wall clock: one UTC event is Tuesday morning in Tokyo, Monday evening in New York', async () => {
    // 23:30 UTC on Monday 2 March 2026: 08:30 Tuesday in Tokyo (UTC+9), 18:30 Monday in New York (UTC-5).
    const late = {
      ...meeting('tz', 'Sync', []),
      start: { dateTime: '2026-03-02T23:30:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2026-03-03T00:00:00.0000000', timeZone: 'UTC' },
    };
    const rules = [
      personalDraft({
        id: 'r_tuesday',
        name: 'Tuesdays',
        when: { field: 'dayOfWeek', op: 'equals', value: 'tuesday' },
        then: { category: 'Tuesday', color: 'preset1' },
      }),
      personalDraft({
        id: 'r_morning',
        name: 'Mornings',
        when: { field: 'startTime', op: 'before', value: '12:00' },
        then: { category: 'Morning', color: 'preset2' },
      }),
    ];
    const categoriesIn = async (timeZone: string) => {
      const res = await alice
        .post('/api/preview')
        .send({ events: [late], rules, rulesMode: 'only', timeZone })
        .expect(200);
      return res.body.results[0].categories as string[];
    };
    expect(await categoriesIn('Asia/Tokyo')).toEqual(['Morning', 'Tuesday']);
    expect(await categoriesIn('America/New_York')).toEqual([]);
    // Outlook and Graph report Windows zone names; they mean the same zones.
    expect(await categoriesIn('Tokyo Standard Time')).toEqual(['Morning', 'Tuesday']);
    expect(await categoriesIn('Eastern Standard Time')).toEqual([]);
  });

  test('bad previews are 400 with the path', async () => {
    const cases: [unknown, string][] = [
      [{}, 'events'],
      [{ events: [] }, 'events'],
      [{ events: [{ subject: 42 }] }, 'events[0].subject'],
      [{ events: [meeting('e', 's', [])], rules: [orgDraft({ then: { category: 'x', color: 'nope' } })] }, 'rules[0].then.color'],
      [{ events: [meeting('e', 's', [])], timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ events: [meeting('e', 's', [])], extra: 1 }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await alice.post('/api/preview').send(body as object);
      expect({ status: res.status, paths: res.body.details.map((d: { path: string }) => d.path) }).toEqual({
        status: 400,
        paths: expect.arrayContaining([path]),
      });
    }
  });
});

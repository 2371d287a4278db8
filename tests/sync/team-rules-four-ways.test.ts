/**
 * One table of team-rule cases (issue #16) run through all four places a person's rules are decided: the API (its
 * effective set, through POST /api/preview), the pane's own preview (the org list it is shown, its teams from
 * GET /api/me), the compose-time handler (the cache the pane writes from GET /api/rules?scope=effective) and the
 * sync's round. Membership comes from the sandbox's Entra groups through the production Graph client every time,
 * so a nested group or a cycle is decided the same way in each.
 */
import { GROUP, teamsTenant } from '../../graph-sandbox/tests/support/factories';
import { onAppointmentEvent } from '../../addin/launchevent/launchevent';
import { RULES_CACHE_KEY } from '../../addin/office/rules-cache';
import { previewRules } from '../../addin/taskpane/state/use-this-event';
import { compileRuleSet, fromGraphEvent, type Rule } from '../../shared';
import { graphDirectory } from '../../server/sync/graph-directory';
import { graphGroupMembership } from '../../server/sync/group-membership';
import { storeRulesLoader } from '../../server/sync/store-rules-loader';
import { installOutlookMock, removeOutlookMock, sampleAppointment } from '../addin/support/outlook-mock';
import { startTestApi, type TestApi } from '../support/app';
import { orgDraft } from '../support/rules';
import { TENANT_A, type TestUser } from '../support/tokens';
import { startSyncHarness, type SyncHarness } from './support/harness';
import { at, categoriesOf } from './support/team';

const SUBJECT = 'Client review, standup, oncall handover';
const CY = 'cy@contoso.com';

/** Org rules: one for everyone, the rest for teams (Sales holds Sales EMEA; Loop A and Loop B hold each other). */
const RULES = [
  { name: 'Reviews', when: 'review', category: 'Review' },
  { name: 'Sales clients', when: 'client', category: 'Client', groups: [GROUP.sales] },
  { name: 'Loop stand-ups', when: 'standup', category: 'Standup', groups: [GROUP.loopA] },
  { name: 'On-call', when: 'oncall', category: 'On-call', groups: [GROUP.empty, GROUP.engineering] },
];

/** Who gets what, and why. */
const CASES: Array<[string, string, string[]]> = [
  ['olivia@contoso.com', 'in Sales directly, no other team', ['Client', 'Review']],
  ['ada@contoso.com', 'in Sales EMEA (so Sales and Engineering) and Loop A', ['Client', 'On-call', 'Review', 'Standup']],
  ['bo@contoso.com', 'in Loop B, which is in Loop A (a cycle), and Engineering', ['Client', 'On-call', 'Review', 'Standup']],
  [CY, 'in no team', ['Review']],
];

describe('team rules decide the same in the API, the pane, the compose handler and the sync', () => {
  let h: SyncHarness;
  let api: TestApi;
  const userOf = (upn: string): TestUser => ({ tid: TENANT_A, oid: h.sandbox.store.mailbox(upn).id.toLowerCase(), admin: false, upn });
  const event = { id: 'e1', subject: SUBJECT, start: { dateTime: at(1, 10), timeZone: 'UTC' }, end: { dateTime: at(1, 11), timeZone: 'UTC' } };

  beforeAll(async () => {
    const document = teamsTenant();
    document.users = [...document.users, { userPrincipalName: CY, displayName: 'Cy Nobody', timeZone: 'UTC' }];
    document.events = CASES.map(([upn]) => ({ organizer: upn, subject: SUBJECT, start: event.start, end: event.end }));
    h = await startSyncHarness({ document, rules: [], sandbox: { tenantId: TENANT_A } });
    const client = h.deps.client;
    api = await startTestApi('sqlite', { directory: graphDirectory(() => client), effectiveCacheTtlMs: 0 });
    for (const r of RULES) {
      await api.createRule(
        'adminA',
        orgDraft({
          name: r.name,
          when: { field: 'subject', op: 'contains', value: r.when },
          then: { category: r.category, color: 'preset1', stop: false },
          ...(r.groups ? { appliesTo: { groups: r.groups } } : {}),
        }),
      );
    }
    h.deps = {
      ...h.deps,
      loadRules: storeRulesLoader(api.stores, { memberOf: graphGroupMembership(client), ownerIdFor: (_t, mailbox) => userOf(mailbox).oid }),
    };
  });
  afterAll(async () => {
    await api.close();
    await h.close();
  });
  afterEach(removeOutlookMock);

  const sorted = (names: readonly string[]) => [...names].sort();

  test.each(CASES)('the API: %s (%s)', async (upn, _why, expected) => {
    const res = await (
      await api.as(userOf(upn))
    )
      .post('/api/preview')
      .send({ events: [event] })
      .expect(200);
    expect(sorted(res.body.results[0].categories)).toEqual(expected);
  });

  test.each(CASES)("the pane's preview: %s (%s)", async (upn, _why, expected) => {
    const client = await api.as(userOf(upn));
    const [org, personal, me] = await Promise.all([client.get('/api/rules?scope=org'), client.get('/api/rules?scope=personal'), client.get('/api/me')]);
    const rules = previewRules([...org.body.items, ...personal.body.items] as Rule[], null, me.body.teams);
    const categories = compileRuleSet(rules, { internalDomains: ['contoso.com'], mailbox: upn }).categoriesFor(fromGraphEvent(event));
    expect(sorted(categories)).toEqual(expected);
  });

  test.each(CASES)('the compose-time handler: %s (%s)', async (upn, _why, expected) => {
    const effective = (await (await api.as(userOf(upn))).get('/api/rules?scope=effective').expect(200)).body.items;
    const cache = { [RULES_CACHE_KEY]: JSON.stringify({ v: 1, savedAt: new Date().toISOString(), internalDomains: ['contoso.com'], rules: effective }) };
    const outlook = installOutlookMock({ mode: 'compose', client: 'classicWindows', appointment: sampleAppointment({ subject: SUBJECT }), roaming: cache });
    await onAppointmentEvent({ completed: () => undefined });
    expect(sorted(outlook.itemCategories)).toEqual(expected);
  });

  test.each(CASES)('the sync: %s (%s)', async (upn, _why, expected) => {
    await h.round(upn);
    expect(sorted(categoriesOf(h.sandbox, upn, SUBJECT))).toEqual(expected);
  });
});

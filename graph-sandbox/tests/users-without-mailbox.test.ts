/**
 * Directory users without a mailbox: `/users` lists them with `mail: null` (search and filter included),
 * `GET /users/{id}` finds them, and every mailbox request for them is 404 MailboxNotEnabledForRESTAPI, in the two
 * messages developers report (src/directory-paging.ts, `noMailboxMessage`).
 */
import { startHarness, windowAroundNow, type SandboxHarness } from './support/sandbox-client';
import { EVENTUAL, teamsTenant } from './support/factories';

const ULLA = 'd1e70000-0000-4000-8000-0000000000aa';

describe('graph sandbox: users without a mailbox', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: teamsTenant() } });
  });
  afterAll(() => h.close());
  afterEach(() => h.sandbox.directory.configure({ noMailboxMessage: 'inactive' }));

  it('/users lists them with mail null; $search and $filter reach them', async () => {
    const all = await h.raw('GET', '/v1.0/users?$select=userPrincipalName,mail');
    expect(all.body.value).toContainEqual({ id: ULLA, userPrincipalName: 'ulla@contoso.com', mail: null });
    expect(all.body.value).toHaveLength(5);
    const found = await h.raw('GET', `/v1.0/users?${new URLSearchParams({ $search: '"displayName:unboxed"' })}`, { headers: EVENTUAL });
    expect(found.body.value.map((u: { id: string }) => u.id)).toEqual([ULLA]);
    const filtered = await h.raw('GET', `/v1.0/users?${new URLSearchParams({ $filter: "startswith(mail,'u')" })}`);
    expect(filtered.body.value).toEqual([]);
  });

  it('GET /users/{id | UPN} finds them', async () => {
    for (const key of [ULLA, 'ulla@contoso.com']) {
      const res = await h.raw('GET', `/v1.0/users/${key}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: ULLA, displayName: 'Ulla Unboxed', mail: null, userPrincipalName: 'ulla@contoso.com' });
    }
  });

  it('their calendar and settings are 404 MailboxNotEnabledForRESTAPI, in either reported message', async () => {
    const { startDateTime, endDateTime } = windowAroundNow();
    const view = await h.raw('GET', `/v1.0/users/ulla@contoso.com/calendarView?${new URLSearchParams({ startDateTime, endDateTime })}`);
    expect(view.status).toBe(404);
    expect(view.body.error).toMatchObject({
      code: 'MailboxNotEnabledForRESTAPI',
      message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
    });
    h.sandbox.directory.configure({ noMailboxMessage: 'notSupported' });
    const settings = await h.raw('GET', `/v1.0/users/${ULLA}/mailboxSettings`);
    expect(settings.status).toBe(404);
    expect(settings.body.error).toMatchObject({ code: 'MailboxNotEnabledForRESTAPI', message: 'REST API is not yet supported for this mailbox.' });
    // Someone who is not in the directory at all is still Exchange's invalid user.
    expect((await h.raw('GET', '/v1.0/users/nobody@contoso.com/mailboxSettings')).body.error.code).toBe('ErrorInvalidUser');
  });
});

import type { User } from '@microsoft/microsoft-graph-types';
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { smallTenant } from './support/factories';

describe('graph sandbox: users and mailbox settings', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant('W. Europe Standard Time') } });
  });
  afterAll(() => h.close());

  it('lists users with Graph user fields', async () => {
    const res = await h.client.api('/users').get();
    const users = res.value as User[];
    expect(users.map((u) => u.userPrincipalName).sort()).toEqual(['ada@contoso.com', 'bo@contoso.com', 'olivia@contoso.com', 'room.atlas@contoso.com']);
    expect(users[0]).toEqual(expect.objectContaining({ id: expect.any(String), displayName: expect.any(String), mail: expect.any(String) }));
  });

  it('finds a user by UPN or id', async () => {
    const byUpn = await h.client.api('/users/ada@contoso.com').get();
    const byId = await h.client.api(`/users/${byUpn.id}`).get();
    expect(byId.userPrincipalName).toBe('ada@contoso.com');
  });

  it('returns the mailbox time zone in mailboxSettings', async () => {
    const settings = await h.client.api('/users/olivia@contoso.com/mailboxSettings').get();
    expect(settings.timeZone).toBe('W. Europe Standard Time');
    // Replies off, yet a schedule is shown ("Get mailboxSettings", example 1): from the current hour, for a day.
    const { scheduledStartDateTime: from, scheduledEndDateTime: to } = settings.automaticRepliesSetting;
    expect(from).toEqual({ dateTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.0000000$/), timeZone: 'UTC' });
    expect(Date.parse(`${to.dateTime}Z`) - Date.parse(`${from.dateTime}Z`)).toBe(86_400_000);
    const tz = await h.client.api('/users/olivia@contoso.com/mailboxSettings/timeZone').get();
    expect(tz.value).toBe('W. Europe Standard Time');
  });

  it('answers an unknown user with 404 ErrorInvalidUser', async () => {
    const res = await h.raw('GET', '/v1.0/users/nobody@contoso.com/mailboxSettings');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ErrorInvalidUser');
  });
});

import { GraphError } from '@microsoft/microsoft-graph-client';
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { NotificationReceiver } from './support/notification-receiver';
import { smallTenant } from './support/factories';

/** The validation handshake with the sandbox's default deadline (10 s, Graph's), not a shortened one. */
describe('graph sandbox: subscription validation deadline at its default', () => {
  let h: SandboxHarness;
  const receiver = new NotificationReceiver();
  let hook = '';
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
    hook = await receiver.start();
    await h.token();
  });
  afterAll(async () => {
    await h.close();
    await receiver.stop();
  });
  afterEach(() => {
    receiver.validationDelayMs = 0;
  });

  const subscribe = () =>
    h.client.api('/subscriptions').post({
      changeType: 'created,updated,deleted',
      notificationUrl: `${hook}/notify`,
      resource: '/users/ada@contoso.com/events',
      expirationDateTime: new Date(Date.now() + 60 * 60_000).toISOString(),
    });

  it('refuses the subscription with 400 ValidationError when the endpoint never answers, after the 10 s deadline', async () => {
    receiver.validationDelayMs = 'never';
    const started = performance.now();
    const error = await subscribe().then(
      () => null,
      (e: unknown) => e,
    );
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).statusCode).toBe(400);
    expect((error as GraphError).code).toBe('ValidationError');
    // A lower bound only (timers never fire early; a little slack for clock rounding).
    expect(elapsed).toBeGreaterThanOrEqual(9_950);
  }, 25_000);

  it('accepts an endpoint that echoes the token after about a second', async () => {
    receiver.validationDelayMs = 1_000;
    const before = receiver.validations;
    const sub = await subscribe();
    expect(receiver.validations - before).toBe(1);
    expect(sub.id).toEqual(expect.any(String));
    await h.client.api(`/subscriptions/${sub.id}`).delete();
  }, 25_000);
});

import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { smallTenant } from './support/factories';

describe('graph sandbox: runtime control over /_sandbox', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
  });
  afterAll(() => h.close());

  it('changes fault settings and limits of a running sandbox', async () => {
    const faults = await h.raw('PATCH', '/_sandbox/faults', { body: { latencyMs: 5, serviceUnavailableRate: 0 } });
    expect(faults.status).toBe(200);
    expect(h.sandbox.faults.current().latencyMs).toBe(5);
    const limits = await h.raw('PATCH', '/_sandbox/limits', { body: { requestsPerWindow: 123 } });
    expect(limits.body.requestsPerWindow).toBe(123);
    expect(h.sandbox.limits.current().requestsPerWindow).toBe(123);
  });

  it('reports request accounting per mailbox', async () => {
    await h.raw('DELETE', '/_sandbox/accounting');
    await h.client.api('/users/ada@contoso.com/mailboxSettings').get();
    const res = await h.raw('GET', '/_sandbox/accounting');
    expect(res.body.byMailbox['ada@contoso.com'].reads).toBe(1);
  });

  it('requires a sandbox token', async () => {
    const res = await h.raw('GET', '/_sandbox/accounting', { authorization: null });
    expect(res.status).toBe(401);
  });
});

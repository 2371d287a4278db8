/** The sandbox counts the bytes of every Graph answer's body (bench:sync's bytesRead), tokens aside. */
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { smallTenant } from './support/factories';

describe('graph sandbox: response bytes', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
  });
  afterAll(() => h.close());

  it('adds each answer body’s UTF-8 length, errors included', async () => {
    await h.token();
    h.sandbox.accounting.reset();
    const settings = await h.raw('GET', '/v1.0/users/ada@contoso.com/mailboxSettings');
    const missing = await h.raw('GET', '/v1.0/users/ada@contoso.com/events/missing');
    expect(missing.status).toBe(404);
    // The sandbox writes JSON.stringify of the body, so the parsed body stringifies back to the same bytes.
    const expected = [settings.body, missing.body].reduce((n, b) => n + Buffer.byteLength(JSON.stringify(b)), 0);
    expect(h.sandbox.accounting.snapshot().responseBytes).toBe(expected);
  });
});

import { X509Certificate } from 'node:crypto';
import { Agent, fetch as undiciFetch } from 'undici';
import { startGraphSandbox, type GraphSandbox } from '../src/index';

describe('graph sandbox: TLS with a CA made at start', () => {
  let sandbox: GraphSandbox;
  beforeAll(async () => {
    sandbox = await startGraphSandbox();
  });
  afterAll(() => sandbox.stop());

  it('listens on https://127.0.0.1 with an ephemeral port', () => {
    expect(sandbox.baseUrl).toBe(`https://127.0.0.1:${sandbox.port}`);
    expect(sandbox.port).toBeGreaterThan(0);
  });

  it('exports a CA certificate', () => {
    const ca = new X509Certificate(sandbox.caPem);
    expect(ca.ca).toBe(true);
  });

  it('is not trusted by a client that does not trust the CA', async () => {
    const untrusting = new Agent();
    await expect(undiciFetch(`${sandbox.baseUrl}/v1.0/users`, { dispatcher: untrusting })).rejects.toThrow();
    await untrusting.close();
  });

  it('is trusted by a client given the CA explicitly', async () => {
    const trusting = new Agent({ connect: { ca: sandbox.caPem } });
    const res = await undiciFetch(`${sandbox.baseUrl}/v1.0/users`, { dispatcher: trusting });
    expect(res.status).toBe(401);
    await res.text();
    await trusting.close();
  });
});

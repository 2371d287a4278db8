/** BufferedHttpHandler answers as the Graph client's fetch did: status, headers, body, and fetch's network error. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { BufferedHttpHandler } from '../../server/sync/buffered-http-handler';

let server: Server;
let base: string;
const agent = new Agent();
const handler = new BufferedHttpHandler(agent);

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url === '/empty') {
        res.writeHead(204, { etag: 'W/"k1"' }).end();
        return;
      }
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, body, prefer: req.headers.prefer ?? null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await agent.close();
  await new Promise((resolve) => server.close(resolve));
});

const send = async (path: string, options: RequestInit = {}): Promise<Response> => {
  const context: { request: string; options: RequestInit; response?: Response } = { request: `${base}${path}`, options };
  await handler.execute(context);
  return context.response!;
};

describe('BufferedHttpHandler', () => {
  it('sends the method, headers and body, and answers the status, headers and body', async () => {
    const r = await send('/x', { method: 'POST', headers: { Prefer: 'return=minimal' }, body: '{"a":1}' });
    expect(r.status).toBe(200);
    expect(r.statusText).toBe('OK');
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await r.json()).toEqual({ method: 'POST', body: '{"a":1}', prefer: 'return=minimal' });
  });

  it('answers an error status as a response, and a 204 with no body', async () => {
    expect((await send('/missing')).status).toBe(404);
    const empty = await send('/empty', { method: 'PATCH', body: '{}' });
    expect(empty.status).toBe(204);
    expect(empty.headers.get('etag')).toBe('W/"k1"');
    expect(await empty.text()).toBe('');
  });

  it("rejects a network failure as fetch does: TypeError 'fetch failed' with the cause", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const context = { request: `http://127.0.0.1:${port}/`, options: {} };
    const error = await handler.execute(context).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
    expect(((error as Error).cause as { code?: string }).code).toBe('ECONNREFUSED');
  });
});

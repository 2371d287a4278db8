/**
 * Bodies the API cannot read, on each store: the size limit at its exact boundary, content encodings (bad gzip,
 * unsupported), a body shorter than its Content-Length. Each is a 4xx problem and changes nothing.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import getRawBody from 'raw-body';
import request from 'supertest';
import { MAX_BODY_BYTES } from '../../server/http/body';
import { toApiError } from '../../server/http/error-middleware';
import { startTestApi, type TestApi } from '../support/app';
import { personalDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';

/** A valid rule draft padded with trailing JSON whitespace to exactly `bytes` bytes. */
function draftOfSize(bytes: number): string {
  const json = JSON.stringify(personalDraft());
  return json + ' '.repeat(bytes - Buffer.byteLength(json));
}

/** Sends raw bytes on a socket, half-closes it, and returns whatever the server answers. */
async function rawExchange(port: number, head: string, body: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
    socket.write(head);
    socket.end(body);
  });
}

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  let auth: string;
  beforeAll(async () => {
    api = await startTestApi(kind);
    auth = await api.tokens.header('aliceA');
  });
  afterAll(() => api.close());

  /** Posts the bytes as they are (superagent would otherwise serialise a Buffer as JSON). */
  const postJson = (body: string | Buffer, encoding?: string) => {
    const req = request(api.app).post('/api/rules').set('Authorization', auth).set('Content-Type', 'application/json');
    return (encoding ? req.set('Content-Encoding', encoding) : req).serialize((bytes: string | Buffer) => bytes as string).send(body);
  };

  test('a body of exactly 256 KB is read (201); one byte more is 413 and changes nothing', async () => {
    const atLimit = await postJson(draftOfSize(MAX_BODY_BYTES));
    expect(atLimit.status).toBe(201);
    const before = await api.snapshot();
    const over = await postJson(draftOfSize(MAX_BODY_BYTES + 1));
    expect(over.status).toBe(413);
    expect(over.body).toEqual({ code: 'payload_too_large', message: expect.any(String), details: [{ path: '', message: expect.any(String) }] });
    expect(await api.snapshot()).toEqual(before);
  });

  test('a gzip body is decoded; one that is not gzip, or is cut short, is 400 and changes nothing', async () => {
    await postJson(gzipSync(JSON.stringify(personalDraft())), 'gzip').expect(201);
    const before = await api.snapshot();
    const whole = gzipSync(JSON.stringify(personalDraft()));
    for (const [name, body] of [
      ['plain JSON labelled gzip', Buffer.from(JSON.stringify(personalDraft()))],
      ['truncated gzip', whole.subarray(0, whole.length - 12)],
    ] as const) {
      const res = await postJson(body, 'gzip');
      expect({ name, status: res.status, body: res.body }).toEqual({
        name,
        status: 400,
        body: {
          code: 'invalid_body',
          message: expect.any(String),
          details: [{ path: 'Content-Encoding', message: expect.any(String), code: 'encoding_invalid' }],
        },
      });
    }
    expect(await api.snapshot()).toEqual(before);
  });

  test('an unsupported Content-Encoding or charset is 415 naming the header, and changes nothing', async () => {
    const before = await api.snapshot();
    const encoding = await postJson(JSON.stringify(personalDraft()), 'compress');
    expect(encoding.status).toBe(415);
    expect(encoding.body).toEqual({
      code: 'unsupported_media_type',
      message: expect.any(String),
      details: [{ path: 'Content-Encoding', message: expect.any(String), code: 'encoding_unsupported' }],
    });
    const charset = await request(api.app)
      .post('/api/rules')
      .set('Authorization', auth)
      .set('Content-Type', 'application/json; charset=latin1')
      .send(JSON.stringify(personalDraft()));
    expect(charset.status).toBe(415);
    expect(charset.body.details).toEqual([{ path: 'Content-Type', message: expect.any(String), code: 'charset_unsupported' }]);
    expect(await api.snapshot()).toEqual(before);
  });

  test('a body shorter than its Content-Length is refused with 400 and changes nothing', async () => {
    const server = api.app.listen(0, '127.0.0.1');
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      const before = await api.snapshot();
      const body = Buffer.from(JSON.stringify(personalDraft()));
      const head = `POST /api/rules HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: ${body.length + 100}\r\n\r\n`;
      const answer = await rawExchange((server.address() as AddressInfo).port, head, body);
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(await api.snapshot()).toEqual(before);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

// Node's HTTP parser frames bodies by Content-Length itself (the socket test above), so raw-body's own
// length and abort errors are produced directly from raw-body to check what the API would answer.
describe('raw-body refusals map to 400 problems, never 500', () => {
  const rawBodyError = async (stream: Readable, options: getRawBody.Options): Promise<unknown> => {
    try {
      await getRawBody(stream, options);
    } catch (err) {
      return err;
    }
    throw new Error('expected raw-body to refuse the stream');
  };

  test('size mismatch → 400 naming Content-Length', async () => {
    const err = await rawBodyError(Readable.from([Buffer.from('{"a":1}')]), { length: 100, limit: MAX_BODY_BYTES });
    expect((err as { type?: string }).type).toBe('request.size.invalid');
    const api = toApiError(err);
    expect({ status: api?.status, code: api?.code, details: api?.details }).toEqual({
      status: 400,
      code: 'invalid_body',
      details: [{ path: 'Content-Length', message: expect.any(String), code: 'length_mismatch' }],
    });
  });

  test('an aborted request → 400', async () => {
    const stream = new PassThrough();
    const pending = rawBodyError(stream, { limit: MAX_BODY_BYTES });
    stream.write('{"a"');
    stream.emit('aborted');
    const err = await pending;
    expect((err as { type?: string }).type).toBe('request.aborted');
    expect({ status: toApiError(err)?.status, code: toApiError(err)?.code }).toEqual({ status: 400, code: 'invalid_body' });
  });
});

/**
 * Each Cosmos request's charge (`x-ms-request-charge`, which Azure sends on every answer and the emulator does
 * not, so the proxy adds it) is logged at debug level and summed per API request onto the request's log line,
 * reads and body-carrying writes alike.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app';
import { createTokenVerifier } from '../../server/auth/verifier';
import { openCosmosStores, provisionCosmos } from '../../server/store/cosmos';
import type { Stores } from '../../server/store/types';
import { startCosmosEmulator, type TestCosmos } from '../support/cosmos';
import { startCosmosProxy, type CosmosProxy } from '../support/cosmos-proxy';
import { personalDraft } from '../support/rules';
import { startTestIssuer, type TestIssuer } from '../support/token-issuer';
import { tokenFactory } from '../support/tokens';
import { seedCustomerTenants } from '../support/tenants';

interface LogLine {
  msg: string;
  req?: { url: string; method: string };
  storeCharge?: { requestCharge: number; requests: number };
  cosmos?: { requestCharge: number; operation: string };
}

let emulator: TestCosmos;
let proxy: CosmosProxy;
let issuer: TestIssuer;
let stores: Stores;
const lines: LogLine[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
    done();
  },
});
const logger = pino({ level: 'debug' }, sink);

beforeAll(async () => {
  emulator = await startCosmosEmulator();
  proxy = await startCosmosProxy(emulator);
  issuer = await startTestIssuer();
  const database = `charge_${process.pid}`;
  await provisionCosmos({ endpoint: emulator.endpoint, key: emulator.key, database, agent: emulator.agent });
  stores = await openCosmosStores({ endpoint: proxy.endpoint, key: emulator.key, database, agent: emulator.agent, logger });
  await seedCustomerTenants(stores);
  proxy.addHeaders({ 'x-ms-request-charge': '2.5' });
});

afterAll(async () => {
  await stores.close();
  await issuer.close();
  await proxy.close();
  await emulator.close();
});

test.each([
  ['a read', 'GET', '/api/rules?scope=effective'],
  ['a write with a body', 'POST', '/api/rules'],
])('%s: every Cosmos request is logged with its charge, and the request line carries the total', async (_what, method, url) => {
  const verifier = createTokenVerifier({ audience: issuer.audience, jwksUrl: issuer.jwksUrl, issuerTemplate: issuer.issuerTemplate });
  const app = createApp({ stores, verifier, logger, httpLogging: true, effectiveCacheTtlMs: 0 });
  const auth = `Bearer ${await tokenFactory(issuer).for('aliceA')}`;
  lines.length = 0;
  proxy.requests.length = 0;
  const res =
    method === 'GET' ? await request(app).get(url).set('Authorization', auth) : await request(app).post(url).set('Authorization', auth).send(personalDraft());
  expect(res.status).toBeLessThan(300);
  const sent = proxy.requests.length;
  expect(sent).toBeGreaterThan(0);
  const perRequest = lines.filter((l) => l.msg === 'cosmos request');
  expect(perRequest).toHaveLength(sent);
  expect(perRequest.every((l) => l.cosmos?.requestCharge === 2.5)).toBe(true);
  const requestLine = lines.find((l) => l.msg === 'request completed' && l.req?.method === method);
  expect(requestLine?.storeCharge).toEqual({ requestCharge: 2.5 * sent, requests: sent });
});

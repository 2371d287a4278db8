/**
 * The Cosmos emulator's own ceiling, without the API: `npx tsx tests/bench/support/emulator-ceiling.ts
 * [--keepalive on|off] [--docs N] [--concurrency N] [--seconds S]`. The emulator runs alone in a child process;
 * this process drives it with @azure/cosmos, one operation kind at a time (the kinds the API issues: point
 * read, create, replace, the personal-set query), and reports operations/s and the emulator's CPU per
 * operation. `--docs` fills the container first: the emulator scans every document of a container on each
 * query (and again for the SDK's query-plan request), so query cost grows with it, point reads do not.
 * Last line: JSON.
 */
import { fork } from 'node:child_process';
import https from 'node:https';
import { CosmosClient, type Container } from '@azure/cosmos';
import { startLoadEmulator, type EmulatorCounts } from './load-emulator';

type FromEmulator = { ready: { endpoint: string; key: string; caPem: string } } | { usage: { cpuMs: number; counts: EmulatorCounts } };

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

async function serveEmulator(keepAlive: boolean): Promise<void> {
  const emulator = await startLoadEmulator({ keepAlive });
  process.send!({ ready: { endpoint: emulator.endpoint, key: emulator.key, caPem: emulator.caPem } } satisfies FromEmulator);
  process.on('message', () => {
    const c = process.cpuUsage();
    process.send!({ usage: { cpuMs: (c.user + c.system) / 1000, counts: emulator.counts() } } satisfies FromEmulator);
  });
  process.on('disconnect', () => void emulator.close().then(() => process.exit(0)));
}

const TENANT = 'aaaaaaaa-0000-4000-8000-00000000000a';
const USERS = 200;

function ruleDoc(i: number) {
  const order = i;
  return {
    id: `r_fill_${i}`,
    tenantId: TENANT,
    scope: 'personal',
    ownerId: `user-${i % USERS}`,
    name: `Rule ${i}`,
    enabled: true,
    order,
    sortKey: `${String(order).padStart(7, '0')}|r_fill_${i}`,
    when: { field: 'subject', op: 'contains', value: `w${i}` },
    then: { category: `C${i % 7}`, color: 'preset3' },
  };
}

async function main(): Promise<void> {
  const keepAlive = arg('keepalive', 'off') === 'on';
  const docs = Number(arg('docs', '300'));
  const concurrency = Number(arg('concurrency', '50'));
  const seconds = Number(arg('seconds', '5'));
  const child = fork(__filename, ['emulator', keepAlive ? 'on' : 'off'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => new Promise<FromEmulator>((resolve) => child.once('message', (m) => resolve(m as FromEmulator)));
  const ready = await next();
  if (!('ready' in ready)) throw new Error('unexpected message');
  const usage = async () => {
    const reply = next();
    child.send('usage');
    const m = await reply;
    if (!('usage' in m)) throw new Error('unexpected message');
    return m.usage;
  };
  const agent = new https.Agent({ ca: ready.ready.caPem, keepAlive: true });
  const client = new CosmosClient({ endpoint: ready.ready.endpoint, key: ready.ready.key, agent });
  try {
    const { database } = await client.databases.createIfNotExists({ id: 'ceiling' });
    const { container } = await database.containers.createIfNotExists({ id: 'rules', partitionKey: { paths: ['/tenantId'] } });
    // Creates go to a container of their own, so the query container stays at --docs documents.
    const { container: scratch } = await database.containers.createIfNotExists({ id: 'scratch', partitionKey: { paths: ['/tenantId'] } });
    for (let i = 0; i < docs; i += 50) await Promise.all(Array.from({ length: Math.min(50, docs - i) }, (_, j) => container.items.create(ruleDoc(i + j))));
    const out: Record<string, unknown> = { keepAlive, docs, concurrency };
    for (const [name, op] of Object.entries(operations(container, scratch, docs))) {
      const before = await usage();
      const started = Date.now();
      const until = started + seconds * 1000;
      let n = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (Date.now() < until) await op(n++);
        }),
      );
      const wallS = (Date.now() - started) / 1000;
      const after = await usage();
      const requests = (c: EmulatorCounts) => Object.values(c.requests).reduce((a, b) => a + b, 0);
      out[name] = {
        opsPerSec: Math.round(n / wallS),
        emulatorCpuMsPerOp: Math.round(((after.cpuMs - before.cpuMs) / n) * 100) / 100,
        httpRequestsPerOp: Math.round(((requests(after.counts) - requests(before.counts)) / n) * 100) / 100,
      };
    }
    console.log(JSON.stringify(out));
  } finally {
    client.dispose();
    agent.destroy();
    child.disconnect();
  }
}

/** One call per operation kind the API issues; `i` spreads them over the filled documents and users. */
function operations(container: Container, scratch: Container, docs: number): Record<string, (i: number) => Promise<unknown>> {
  const personalQuery = (i: number) => ({
    query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.scope = @scope AND c.ownerId = @ownerId ORDER BY c.sortKey',
    parameters: [
      { name: '@tenantId', value: TENANT },
      { name: '@scope', value: 'personal' },
      { name: '@ownerId', value: `user-${i % USERS}` },
    ],
  });
  return {
    pointRead: (i) => container.item(`r_fill_${i % docs}`, TENANT).read(),
    create: (i) => scratch.items.create({ ...ruleDoc(i), id: `r_new_${i}` }),
    replace: (i) => container.item(`r_fill_${i % docs}`, TENANT).replace({ ...ruleDoc(i % docs), name: `Renamed ${i}` }),
    personalSetQuery: (i) => container.items.query(personalQuery(i), { partitionKey: TENANT }).fetchAll(),
  };
}

const [, , mode, keepAlive] = process.argv;
(mode === 'emulator' ? serveEmulator(keepAlive === 'on') : main()).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

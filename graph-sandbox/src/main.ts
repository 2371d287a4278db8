import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandboxLogger } from './logger';
import { startGraphSandbox, type Scenario } from './index';

/**
 * `npm run sandbox -- [--demo | --seed file.json | --generate 50x2000] [--port N] [--latency MS] [--ca-out ca.pem]`
 * Starts the sandbox until Ctrl+C and prints how to reach it.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  let scenario: Scenario = 'demo';
  const seedFile = value('--seed');
  const generate = value('--generate');
  if (seedFile) scenario = { seedFile };
  else if (generate) {
    const [mailboxes, events] = generate.split('x').map(Number);
    scenario = { generate: { mailboxes: mailboxes ?? 10, eventsPerMailbox: events ?? 100 } };
  } else if (args.includes('--empty')) scenario = 'empty';
  const logger = createSandboxLogger(process.env.GRAPH_SANDBOX_LOG_LEVEL ?? 'info');
  const sandbox = await startGraphSandbox({
    port: Number(value('--port') ?? 0),
    scenario,
    faults: { latencyMs: Number(value('--latency') ?? 0) },
    logger,
  });
  const caOut = value('--ca-out') ?? join(tmpdir(), 'calsync-graph-sandbox-ca.pem');
  writeFileSync(caOut, sandbox.caPem);
  logger.info(
    { baseUrl: sandbox.baseUrl, tenantId: sandbox.tenantId, clientId: sandbox.app.clientId, caFile: caOut, tokenUrl: sandbox.tokenUrl },
    'graph sandbox ready (client secret: see graph-sandbox/src/README.md)',
  );
  const stop = (): void => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();

/**
 * One configuration module and one composition root (issue 20): each process's configuration is read once into a
 * frozen object, every bad variable named at once; Graph access is wired and sized in server/compose/ only.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { graphSockets } from '../../server/compose/graph';
import { loadConfig, loadServeConfig } from '../../server/config';
import { demoOptionsFromEnv } from '../../server/config/demo';
import { loadGraphConfig } from '../../server/config/graph';
import { loadWorkerConfig } from '../../server/config/worker';
import { ROOT } from '../support/import-graph';
import type { LintProbe, LintProbeResult } from '../support/lint-text';
import { configProblemsOf } from '../support/config-problems';

const graph = {
  CALSYNC_TENANT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  CALSYNC_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  CALSYNC_CLIENT_SECRET: 's',
};
const queue = { CALSYNC_QUEUE: 'storage', CALSYNC_QUEUE_CONNECTION_STRING: 'UseDevelopmentStorage=true' };

const problemsOf = configProblemsOf;

describe('configuration is read once into a frozen object', () => {
  test.each([
    ['api', () => loadConfig({ CALSYNC_API_AUDIENCE: 'api://calsync', CALSYNC_ALLOWED_TENANTS: graph.CALSYNC_TENANT_ID })],
    ['graph', () => loadGraphConfig(graph)],
    ['worker', () => loadWorkerConfig({ ...graph, ...queue })],
    ['serve with the sync', () => loadServeConfig({ CALSYNC_API_AUDIENCE: 'api://calsync', CALSYNC_SYNC: 'on', ...graph })],
    ['demo', () => demoOptionsFromEnv({ PORT: '0' }, '/tmp')],
  ])('%s: every level is frozen', (_name, load) => {
    const config = load() as object;
    const objects: object[] = [];
    const walk = (value: unknown): void => {
      if (value && typeof value === 'object') {
        objects.push(value);
        Object.values(value).forEach(walk);
      }
    };
    walk(config);
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.filter((o) => !Object.isFrozen(o))).toEqual([]);
  });

  test('a nested value cannot be changed after loading', () => {
    const config = loadConfig({ CALSYNC_API_AUDIENCE: 'api://calsync', CALSYNC_ALLOWED_TENANTS: graph.CALSYNC_TENANT_ID });
    expect(() => {
      (config.auth.allowedTenants as string[]).push('bbbbbbbb-0000-4000-8000-000000000000');
    }).toThrow(TypeError);
    expect(config.auth.allowedTenants).toEqual([graph.CALSYNC_TENANT_ID]);
  });
});

describe('every bad variable is named at once', () => {
  test('serve: the API section and the sync sections together', () => {
    const variables = problemsOf(() =>
      loadServeConfig({ CALSYNC_SYNC: 'on', CALSYNC_TENANT_ID: 'contoso.com', CALSYNC_CLIENT_SECRET: 's', CALSYNC_QUEUE: 'disk' }),
    ).map((p) => p.variable);
    expect(variables.sort()).toEqual(['CALSYNC_API_AUDIENCE', 'CALSYNC_CLIENT_ID', 'CALSYNC_QUEUE', 'CALSYNC_TENANT_ID']);
  });

  test('demo: port, log level and data directory together, each under its own variable', () => {
    expect(problemsOf(() => demoOptionsFromEnv({ CALSYNC_DEMO_PORT: 'eighty', LOG_LEVEL: 'loud', CALSYNC_DATA_DIR: ' ' }, '/tmp'))).toEqual([
      { variable: 'CALSYNC_DEMO_PORT', message: 'expected a port number 0–65535 (0 picks a free one), got "eighty"' },
      { variable: 'LOG_LEVEL', message: 'expected one of fatal, error, warn, info, debug, trace, silent' },
      { variable: 'CALSYNC_DATA_DIR', message: 'must not be empty' },
    ]);
  });

  test('demo defaults: port 3000, ./data from the working directory, info', () => {
    expect(demoOptionsFromEnv({}, '/srv/calsync')).toEqual({ port: 3000, dataDir: '/srv/calsync/data', logLevel: 'info', addinBuildDir: undefined });
  });
});

describe("the API's directory without the sync", () => {
  const api = { CALSYNC_API_AUDIENCE: 'api://calsync' };
  test('a configured credential gives the API its own Graph section for the directory', () => {
    const config = loadServeConfig({ ...api, ...graph });
    expect(config.sync).toBeUndefined();
    expect(config.directory).toMatchObject({ tenantId: graph.CALSYNC_TENANT_ID, credential: { kind: 'secret', clientId: graph.CALSYNC_CLIENT_ID } });
  });
  test("with the sync on, the directory is the sync's Graph section", () => {
    const config = loadServeConfig({ ...api, CALSYNC_SYNC: 'on', ...graph });
    expect(config.directory).toBe(config.sync?.sync);
  });
  test('no credential variable: no directory, and no problem', () => {
    expect(loadServeConfig(api).directory).toBeUndefined();
  });
  test('a credential half set is named, not ignored', () => {
    expect(problemsOf(() => loadServeConfig({ ...api, CALSYNC_CLIENT_ID: graph.CALSYNC_CLIENT_ID }))).toEqual(
      expect.arrayContaining([expect.objectContaining({ variable: 'CALSYNC_TENANT_ID' }), expect.objectContaining({ variable: 'CALSYNC_CLIENT_SECRET' })]),
    );
  });
});

describe('one Graph socket sizing for every process', () => {
  test('four sockets per round in flight plus four for tokens and lookups; a process without rounds gets one round’s worth', () => {
    expect([0, 1, 4, 8, 32].map(graphSockets)).toEqual([8, 8, 20, 36, 132]);
  });
});

describe('Graph access is built in server/compose/ only', () => {
  const probes: LintProbe[] = [
    { filePath: 'server/cli/probe.ts', code: "import { createGraphAccess } from '../sync/graph-client';\nexport const a = createGraphAccess;\n" },
    { filePath: 'demo/probe.ts', code: "import { createGraphCredential } from '../server/sync/credential';\nexport const c = createGraphCredential;\n" },
    { filePath: 'server/probe.ts', code: "import { createGraphAccess } from './sync/graph-client';\nexport const a = createGraphAccess;\n" },
    { filePath: 'server/cli/probe.ts', code: "import { openGraphAccess } from '../compose/graph';\nexport const a = openGraphAccess;\n" },
  ];
  let results: LintProbeResult[];

  beforeAll(async () => {
    const child = promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'tests/support/lint-text.ts')], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    child.child.stdin?.end(JSON.stringify(probes));
    results = JSON.parse((await child).stdout) as LintProbeResult[];
  }, 120_000);

  test.each([0, 1, 2])('probe %i: wiring Graph outside the composition root fails lint', (i) => {
    expect(results[i]!.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });

  test('through the composition root it is clean', () => {
    expect(results[3]!.messages).toEqual([]);
  });
});

/**
 * The layers (docs/ARCHITECTURE.md) are fenced by lint: an import that reaches up, or that closes a cycle, fails
 * `npm run lint`. Each probe is source text linted as if it sat at its path; the imports it names are real files.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../support/import-graph';
import type { LintProbe, LintProbeResult } from '../support/lint-text';

const FENCE = 'import-x/no-restricted-paths';
const CYCLE = 'import-x/no-cycle';

/** Upward (or sideways) imports each layer must not make; the same import from a layer allowed to make it is clean. */
const forbidden: LintProbe[] = [
  { filePath: 'server/sync/probe.ts', code: "import type { AppDeps } from '../app';\nexport type T = AppDeps;\n" },
  { filePath: 'server/sync/probe.ts', code: "import type { RulesChange } from '../services/rules';\nexport type T = RulesChange;\n" },
  { filePath: 'server/sync/probe.ts', code: "import { notificationsRouter } from '../routes/notifications';\nexport const r = notificationsRouter;\n" },
  { filePath: 'server/services/probe.ts', code: "import { ApiError } from '../http/errors';\nexport const e = ApiError;\n" },
  { filePath: 'server/services/probe.ts', code: "import { SyncScheduler } from '../sync/sync-scheduler';\nexport const s = SyncScheduler;\n" },
  { filePath: 'server/store/cosmos/probe.ts', code: "import { RuleService } from '../../services/rules';\nexport const s = RuleService;\n" },
  { filePath: 'server/domain/probe.ts', code: "import { StoreError } from '../store/types';\nexport const e = StoreError;\n" },
  // The sandbox is its own package: nothing of CalSync, not even the rule model, and its tests likewise.
  {
    filePath: 'graph-sandbox/src/probe.ts',
    code: "import type { GraphCredentialConfig } from '../../server/sync/credential';\nexport type T = GraphCredentialConfig;\n",
  },
  { filePath: 'graph-sandbox/src/probe.ts', code: "import { sortRules } from '../../shared/rule-set';\nexport const s = sortRules;\n" },
  { filePath: 'graph-sandbox/tests/probe.ts', code: "import { graphOwnerIds } from '../../server/sync/owner-ids';\nexport const o = graphOwnerIds;\n" },
  { filePath: 'server/cli/probe.ts', code: "export const sandbox = import('../../graph-sandbox/src');\n" },
  { filePath: 'server/cli/probe.ts', code: "export const demo = import('../../demo/main');\n" },
  { filePath: 'shared/probe.ts', code: "import { RuleService } from '../server/services/rules';\nexport const s = RuleService;\n" },
  { filePath: 'addin/probe.ts', code: "import { createApp } from '../server/app';\nexport const a = createApp;\n" },
  // The add-in's lazy chunks are imported with a .js suffix (vite maps it to the .ts source); the fence still sees them.
  { filePath: 'addin/probe.ts', code: "export const app = import('../server/app.js');\n" },
];

const allowed: LintProbe[] = [
  {
    filePath: 'server/routes/probe.ts',
    code: "import { RuleService } from '../services/rules';\nimport type { NotificationReceiver } from '../sync/ports';\nexport const s = RuleService;\nexport type R = NotificationReceiver;\n",
  },
  {
    filePath: 'server/sync/probe.ts',
    code: "import { StoreError } from '../store/types';\nimport { DomainError } from '../domain/errors';\nexport const e = [StoreError, DomainError];\n",
  },
  { filePath: 'server/services/probe.ts', code: "import { DomainError } from '../domain/errors';\nexport const e = DomainError;\n" },
  { filePath: 'demo/probe.ts', code: "import { startGraphSandbox } from '../graph-sandbox/src';\nexport const s = startGraphSandbox;\n" },
  { filePath: 'graph-sandbox/src/probe.ts', code: "import { resolveZone } from '../../zones';\nexport const z = resolveZone;\n" },
];

const etag = readFileSync(join(ROOT, 'server/services/etag.ts'), 'utf8');
const cycles: LintProbe[] = [
  // rules.ts imports etag.ts, so etag.ts importing rules.ts closes a loop.
  { filePath: 'server/services/etag.ts', code: `${etag}\nimport { RuleService } from './rules';\nexport const cyclic = RuleService;\n` },
  // The loop this change broke: $batch calling back into the router that lists it.
  { filePath: 'graph-sandbox/src/routes/batch.ts', code: "import { executeGraphRequest } from '../router';\nexport const run = executeGraphRequest;\n" },
];

let results: LintProbeResult[];

beforeAll(async () => {
  const child = promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'tests/support/lint-text.ts')], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  child.child.stdin?.end(JSON.stringify([...forbidden, ...allowed, ...cycles, { filePath: 'server/services/etag.ts', code: etag }]));
  results = JSON.parse((await child).stdout) as LintProbeResult[];
}, 120_000);

const rulesOf = (index: number) => results[index]!.messages.map((m) => m.ruleId);

test.each(forbidden.map((p, i) => [p.filePath, p.code.split('\n')[0], i] as const))('%s: `%s` fails the layer fence', (_path, _line, i) => {
  expect(rulesOf(i)).toContain(FENCE);
});

test.each(allowed.map((p, i) => [p.filePath, p.code.split('\n')[0], forbidden.length + i] as const))('%s: `%s` passes the layer fence', (_path, _line, i) => {
  expect(results[i]!.messages).toEqual([]);
});

test.each(cycles.map((p, i) => [p.filePath, forbidden.length + allowed.length + i] as const))('an import closing a cycle in %s fails lint', (_path, i) => {
  expect(rulesOf(i)).toContain(CYCLE);
});

test('the same file without the looping import is clean', () => {
  expect(results[forbidden.length + allowed.length + cycles.length]!.messages).toEqual([]);
});

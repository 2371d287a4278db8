/**
 * Each Cosmos container indexes exactly what the store's queries filter or order by (containers.ts), derived
 * here from the queries themselves: a query on a property left out of the index would cost a scan in
 * production (an ORDER BY on it fails), and an indexed property nobody queries costs request units on every write.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import { COSMOS_CONTAINER_DEFINITIONS } from '../../server/store/cosmos/containers';
import { startCosmosEmulator, type TestCosmos } from '../support/cosmos';

type ContainerName = keyof typeof COSMOS_CONTAINER_DEFINITIONS;
const SOURCES: Record<ContainerName, string> = {
  rules: 'rules.ts',
  settings: 'settings.ts',
  audit: 'audit.ts',
  syncState: 'sync-state.ts',
  subscriptions: 'subscriptions.ts',
  notificationInbox: 'notification-inbox.ts',
  ruleVersions: 'rule-versions.ts',
  tenants: 'tenants.ts',
};

/** Properties a repository's SQL filters or orders by: every `c.x` in its string literals, projections aside. */
function queriedProperties(file: string): Set<string> {
  const source = readFileSync(path.join(__dirname, '../../server/store/cosmos', file), 'utf8');
  const literals = source.match(/'[^'\n]*'|"[^"\n]*"|`[^`]*`/g) ?? [];
  const props = new Set<string>();
  for (const literal of literals) {
    // Interpolations are code, not SQL (`${c.x}` in a template names no queried property).
    const clauses = literal.replace(/\$\{[^}]*\}/g, '').replace(/SELECT[\s\S]*?FROM c\b/g, '');
    for (const m of clauses.matchAll(/\bc\.(\w+)|\bc\["(\w+)"\]/g)) props.add(m[1] ?? m[2]!);
  }
  return props;
}

const included = (name: ContainerName): string[] => (COSMOS_CONTAINER_DEFINITIONS[name].indexingPolicy?.includedPaths ?? []).map((p) => p.path);

test.each(Object.keys(SOURCES) as ContainerName[])('%s: every queried property is indexed, and nothing else', (name) => {
  const policy = COSMOS_CONTAINER_DEFINITIONS[name].indexingPolicy;
  expect(policy?.excludedPaths).toEqual([{ path: '/*' }]);
  const queried = [...queriedProperties(SOURCES[name])].map((p) => `/${p}/?`).sort();
  expect(included(name).sort()).toEqual(queried);
});

test('the query scan finds what the queries use (the derivation itself works)', () => {
  expect([...queriedProperties('rules.ts')].sort()).toEqual(['ownerId', 'scope', 'sortKey', 'tenantId']);
  // sync-state reads by id only: it makes no query at all.
  expect([...queriedProperties('sync-state.ts')]).toEqual([]);
});

test('the bulky, never-queried parts stay out of every index', () => {
  const bulky: Partial<Record<ContainerName, string[]>> = {
    rules: ['when', 'then'],
    audit: ['before', 'after'],
    settings: ['internalDomains', 'enrolledMailboxes'],
    syncState: ['data'],
    ruleVersions: ['data', 'names', 'rules'],
  };
  for (const [name, props] of Object.entries(bulky) as [ContainerName, string[]][]) {
    for (const prop of props) expect(included(name).some((p) => p.startsWith(`/${prop}/`))).toBe(false);
  }
});

describe('on the emulator', () => {
  let cosmos: TestCosmos;
  beforeAll(async () => {
    cosmos = await startCosmosEmulator();
  });
  afterAll(() => cosmos.close());

  test('the containers are created with these policies and TTL settings', async () => {
    const database = `indexing_${process.pid}`;
    await cosmos.openStores(database);
    const client = new CosmosClient({ endpoint: cosmos.endpoint, key: cosmos.key, agent: cosmos.agent });
    try {
      for (const definition of Object.values(COSMOS_CONTAINER_DEFINITIONS)) {
        const { resource } = await client.database(database).container(definition.id).read();
        expect(resource?.indexingPolicy?.includedPaths).toEqual(definition.indexingPolicy?.includedPaths);
        expect(resource?.defaultTtl).toEqual(definition.defaultTtl);
      }
    } finally {
      client.dispose();
    }
  });
});

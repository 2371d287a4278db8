/**
 * infra/cosmos.json provisions what the store expects: one container per definition in containers.ts, with the
 * same partition key (MultiHash, version 2, when hierarchical), indexing policy and TTL, and the data-plane role
 * for the app's identity. The checks read the committed file and compare it with the definitions directly.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COSMOS_CONTAINER_DEFINITIONS, type CosmosContainerDefinition } from '../../server/store/cosmos/containers';
import { partitionKeyOf } from '../../server/store/cosmos/provision';
import { COSMOS_TEMPLATE_PATH, renderCosmosTemplate } from '../../scripts/cosmos-template';

interface ArmResource {
  type: string;
  name: string;
  properties: Record<string, unknown> & { resource?: Record<string, unknown> };
}

const committed = readFileSync(path.resolve(__dirname, '../..', COSMOS_TEMPLATE_PATH), 'utf8');
const template = JSON.parse(committed) as { parameters: Record<string, unknown>; resources: ArmResource[] };
const containers = template.resources.filter((r) => r.type === 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers');
const definitions: CosmosContainerDefinition[] = Object.values(COSMOS_CONTAINER_DEFINITIONS);

describe('infra/cosmos.json', () => {
  it('is what `npm run infra:generate` writes from the definitions (run it after changing containers.ts)', () => {
    expect(committed).toBe(renderCosmosTemplate());
  });

  it('has exactly the containers the definitions name', () => {
    expect(containers.map((c) => c.properties.resource?.id).sort()).toEqual(definitions.map((d) => d.id).sort());
  });

  it.each(definitions.map((d) => [d.id, d] as const))('container %s has the definition\u2019s partition key, indexing policy and TTL', (_id, definition) => {
    const resource = containers.find((c) => c.properties.resource?.id === definition.id)?.properties.resource;
    expect(resource).toBeDefined();
    const key = resource!.partitionKey as { paths: string[]; kind: string; version?: number };
    expect(key.paths).toEqual(definition.partitionKeyPaths);
    if (definition.partitionKeyPaths.length > 1) {
      expect(key).toMatchObject({ kind: 'MultiHash', version: 2 });
    } else {
      expect(key.kind).toBe('Hash');
    }
    expect(resource!.indexingPolicy).toEqual(definition.indexingPolicy);
    expect(resource!.defaultTtl).toEqual(definition.defaultTtl);
  });

  it('grants the app\u2019s identity Cosmos DB Built-in Data Contributor on the database, and nothing more', () => {
    const assignments = template.resources.filter((r) => r.type === 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments');
    expect(assignments).toHaveLength(1);
    const props = assignments[0]!.properties;
    expect(props.roleDefinitionId).toContain("'00000000-0000-0000-0000-000000000002'");
    expect(props.principalId).toBe("[parameters('principalId')]");
    expect(props.scope).toContain("parameters('databaseName')");
    expect(template.parameters).toHaveProperty('principalId');
  });
});

describe('partition key kind', () => {
  it('is MultiHash, version 2, for a hierarchical key and Hash for one path', () => {
    expect(partitionKeyOf({ id: 'x', partitionKeyPaths: ['/tenantId', '/mailbox'] })).toEqual({
      paths: ['/tenantId', '/mailbox'],
      kind: 'MultiHash',
      version: 2,
    });
    expect(partitionKeyOf({ id: 'x', partitionKeyPaths: ['/tenantId'] })).toEqual({ paths: ['/tenantId'], kind: 'Hash' });
  });
});

/**
 * Cosmos DB's database and containers are infrastructure. With Microsoft Entra ID (the production identity) the
 * data-plane roles cannot create or change them — database and container management is a control-plane
 * operation (https://learn.microsoft.com/azure/cosmos-db/nosql/security/how-to-grant-data-plane-role-based-access,
 * "Limitations"), so production deploys infra/cosmos.json and startup only checks. Key-based local, dev and test
 * runs (the emulator) may create them with provisionCosmos, the one infrastructure step, kept apart from opening.
 */
import type { Agent } from 'node:https';
import {
  CosmosClient,
  type ContainerRequest,
  type Database,
  type PartitionKeyDefinition,
  PartitionKeyDefinitionVersion,
  PartitionKeyKind,
} from '@azure/cosmos';
import { COSMOS_CONTAINER_DEFINITIONS, type CosmosContainerDefinition } from './containers';
import { statusOf } from './util';

/** The template that provisions what the definitions describe (written by `npm run infra:generate`). */
export const COSMOS_TEMPLATE_PATH = 'infra/cosmos.json';

/** Hash for one path; MultiHash (a hierarchical key, version 2) for two or three. */
export function partitionKeyOf(definition: CosmosContainerDefinition): PartitionKeyDefinition {
  return definition.partitionKeyPaths.length > 1
    ? { paths: [...definition.partitionKeyPaths], kind: PartitionKeyKind.MultiHash, version: PartitionKeyDefinitionVersion.V2 }
    : { paths: [...definition.partitionKeyPaths], kind: PartitionKeyKind.Hash };
}

/** The container as Cosmos is asked to create it: the SDK's create body and the template's `resource`. */
export function containerRequestOf(definition: CosmosContainerDefinition): ContainerRequest {
  return {
    id: definition.id,
    partitionKey: partitionKeyOf(definition),
    ...(definition.indexingPolicy ? { indexingPolicy: definition.indexingPolicy } : {}),
    ...(definition.defaultTtl !== undefined ? { defaultTtl: definition.defaultTtl } : {}),
  };
}

export interface CosmosProvisionOptions {
  endpoint: string;
  /** Required: only the account key may create (an Entra identity's data-plane role cannot). */
  key: string;
  database: string;
  agent?: Agent;
}

/** Creates the database and every container missing from it (key-based accounts: emulator, local, dev). */
export async function provisionCosmos(options: CosmosProvisionOptions): Promise<void> {
  const client = new CosmosClient({ endpoint: options.endpoint, key: options.key, ...(options.agent ? { agent: options.agent } : {}) });
  try {
    const { database } = await client.databases.createIfNotExists({ id: options.database });
    for (const definition of Object.values(COSMOS_CONTAINER_DEFINITIONS)) {
      await database.containers.createIfNotExists(containerRequestOf(definition));
    }
  } finally {
    client.dispose();
  }
}

export interface ContainerProblem {
  container: string;
  problem: string;
}

/** Startup found containers missing or keyed differently from containers.ts; names each and how to fix it. */
export class CosmosNotProvisionedError extends Error {
  constructor(
    readonly database: string,
    readonly problems: ContainerProblem[],
  ) {
    super(
      `Cosmos DB database ${database} is not provisioned as CalSync expects: ` +
        problems.map((p) => `${p.container}: ${p.problem}`).join('; ') +
        `. Create or fix it with the template: az deployment group create --resource-group <group> --template-file ${COSMOS_TEMPLATE_PATH}` +
        ` --parameters accountName=<account> databaseName=${database} principalId=<identity object id>` +
        ' (a container\u2019s partition key cannot change: move its data to a new container). See infra/README.md.',
    );
    this.name = 'CosmosNotProvisionedError';
  }
}

function describeKey(key: { paths?: string[]; kind?: string } | undefined): string {
  return key?.paths?.length ? `${key.kind ?? 'Hash'} [${key.paths.join(', ')}]` : 'none';
}

/** What is wrong with one container, or undefined when its partition key is the definition's. */
async function containerProblem(database: Database, definition: CosmosContainerDefinition): Promise<string | undefined> {
  let actual: PartitionKeyDefinition | undefined;
  try {
    const { resource, statusCode } = await database.container(definition.id).read();
    if (statusCode === 404 || !resource) return 'missing';
    actual = resource.partitionKey;
  } catch (err) {
    if (statusOf(err) === 404) return 'missing';
    throw err;
  }
  const expected = partitionKeyOf(definition);
  // Cosmos reports a single-path key with kind Hash (or no kind on old containers); a hierarchical one as MultiHash.
  const actualKind = actual?.kind ?? PartitionKeyKind.Hash;
  const samePaths = JSON.stringify(actual?.paths ?? []) === JSON.stringify(expected.paths);
  if (samePaths && actualKind === expected.kind) return undefined;
  return `partition key is ${describeKey(actual)}, expected ${describeKey(expected)}`;
}

/**
 * Reads every container (reads only, never a create) and throws CosmosNotProvisionedError naming each one
 * that is missing or has another partition key. A missing database shows as every container missing.
 */
export async function checkCosmosProvisioned(database: Database): Promise<void> {
  const problems: ContainerProblem[] = [];
  for (const definition of Object.values(COSMOS_CONTAINER_DEFINITIONS)) {
    const problem = await containerProblem(database, definition);
    if (problem) problems.push({ container: definition.id, problem });
  }
  if (problems.length > 0) throw new CosmosNotProvisionedError(database.id, problems);
}

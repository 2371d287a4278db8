/**
 * The graph section: tenant, app, one kind of credential, and where Graph and the authority are (Microsoft's by
 * default; the local sandbox in tests and the demo). Fails fast naming every missing or bad variable, so a
 * misconfigured job never starts a round.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { tenantList } from './auth';
import { ConfigError, optionalGuid, optionalText, frozen, httpsUrl, parseEnvFields, type ConfigProblem } from './fields';

export const GRAPH_DEFAULT_BASE_URL = 'https://graph.microsoft.com';

/** Which app-only credential the sync uses (sync/credential.ts builds it). */
export type GraphCredentialConfig =
  | { kind: 'secret'; tenantId: string; clientId: string; clientSecret: string; authorityHost?: string; caPem?: string }
  | { kind: 'certificate'; tenantId: string; clientId: string; certificatePath: string; authorityHost?: string; caPem?: string }
  /**
   * `clientId`: a user-assigned identity's client id (none = system-assigned). `federatedAppClientId`: the
   * multi-tenant app whose federated credential trusts this identity; without it the identity reaches `tenantId` only.
   */
  | { kind: 'managedIdentity'; clientId?: string; tenantId?: string; federatedAppClientId?: string };

export interface GraphConfig {
  /** The app's home tenant: the only tenant a single-tenant deployment syncs. */
  tenantId: string;
  /**
   * Every tenant the sync serves, the home tenant first (CALSYNC_SYNC_TENANTS adds customer tenants that gave admin
   * consent). Lower-cased GUIDs.
   */
  syncTenants: string[];
  credential: GraphCredentialConfig;
  graphBaseUrl: string;
  /** PEM trusted for Graph and token calls only (the sandbox's CA); never process-wide. */
  caPem?: string;
}

const baseUrl = httpsUrl().transform((s) => s.replace(/\/+$/, ''));

const GraphEnvShape = {
  // The GUID, not a domain: the store keys rules and settings by the tokens' tid, which is always the GUID.
  CALSYNC_TENANT_ID: optionalGuid('expected the directory (tenant) GUID'),
  CALSYNC_CLIENT_ID: optionalGuid('expected the app registration GUID'),
  CALSYNC_CLIENT_SECRET: optionalText,
  CALSYNC_CLIENT_CERTIFICATE_PATH: optionalText,
  CALSYNC_MANAGED_IDENTITY: z.enum(['true', 'false'], { message: 'expected true or false' }).optional(),
  CALSYNC_GRAPH_BASE_URL: baseUrl.optional(),
  CALSYNC_AUTHORITY_HOST: baseUrl.optional(),
  CALSYNC_GRAPH_CA_FILE: optionalText,
  CALSYNC_FEDERATED_APP_CLIENT_ID: optionalGuid('expected the multi-tenant app registration GUID'),
  CALSYNC_SYNC_TENANTS: optionalText.superRefine(tenantList),
};

const parseEnv = (env: NodeJS.ProcessEnv) => parseEnvFields(GraphEnvShape, env);

/** The tenant alone (admin tooling against the store needs no Graph credential). */
export function loadTenantId(env: NodeJS.ProcessEnv = process.env): string {
  const { data, problems } = parseEnv(env);
  const own = problems.filter((p) => p.variable === 'CALSYNC_TENANT_ID');
  if (own.length > 0) throw new ConfigError(own);
  if (!data.CALSYNC_TENANT_ID) throw new ConfigError([{ variable: 'CALSYNC_TENANT_ID', message: 'is required' }]);
  return data.CALSYNC_TENANT_ID;
}

function readPem(path: string, variable: string, problems: ConfigProblem[]): string | undefined {
  try {
    const pem = readFileSync(path, 'utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) problems.push({ variable, message: `${path} holds no PEM certificate` });
    return pem;
  } catch (err) {
    problems.push({ variable, message: `cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
    return undefined;
  }
}

export function loadGraphConfig(env: NodeJS.ProcessEnv = process.env): GraphConfig {
  const { data: e, problems } = parseEnv(env);
  const bad = new Set(problems.map((p) => p.variable));
  const managed = e.CALSYNC_MANAGED_IDENTITY === 'true';
  const kinds = [
    e.CALSYNC_CLIENT_SECRET && 'CALSYNC_CLIENT_SECRET',
    e.CALSYNC_CLIENT_CERTIFICATE_PATH && 'CALSYNC_CLIENT_CERTIFICATE_PATH',
    managed && 'CALSYNC_MANAGED_IDENTITY',
  ].filter((k): k is string => typeof k === 'string');
  if (!e.CALSYNC_TENANT_ID && !bad.has('CALSYNC_TENANT_ID')) problems.push({ variable: 'CALSYNC_TENANT_ID', message: 'is required' });
  if (kinds.length === 0 && !bad.has('CALSYNC_MANAGED_IDENTITY')) {
    problems.push({
      variable: 'CALSYNC_CLIENT_SECRET',
      message: 'a credential is required: CALSYNC_CLIENT_SECRET, CALSYNC_CLIENT_CERTIFICATE_PATH or CALSYNC_MANAGED_IDENTITY=true',
    });
  } else if (kinds.length > 1) {
    problems.push({ variable: kinds[1] as string, message: `set only one credential; ${kinds.join(' and ')} are both set` });
  }
  if (!managed && !e.CALSYNC_CLIENT_ID && !bad.has('CALSYNC_CLIENT_ID'))
    problems.push({ variable: 'CALSYNC_CLIENT_ID', message: 'is required (the app registration GUID)' });
  if (e.CALSYNC_CLIENT_CERTIFICATE_PATH) {
    try {
      readFileSync(e.CALSYNC_CLIENT_CERTIFICATE_PATH);
    } catch (err) {
      problems.push({
        variable: 'CALSYNC_CLIENT_CERTIFICATE_PATH',
        message: `cannot read ${e.CALSYNC_CLIENT_CERTIFICATE_PATH} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      });
    }
  }
  const caPem = e.CALSYNC_GRAPH_CA_FILE ? readPem(e.CALSYNC_GRAPH_CA_FILE, 'CALSYNC_GRAPH_CA_FILE', problems) : undefined;
  if (problems.length > 0) throw new ConfigError(problems);

  const tenantId = e.CALSYNC_TENANT_ID as string;
  const clientId = e.CALSYNC_CLIENT_ID as string;
  const remote = { tenantId, clientId, authorityHost: e.CALSYNC_AUTHORITY_HOST, caPem };
  let credential: GraphCredentialConfig;
  if (managed) credential = { kind: 'managedIdentity', clientId: e.CALSYNC_CLIENT_ID, tenantId, federatedAppClientId: e.CALSYNC_FEDERATED_APP_CLIENT_ID };
  else if (e.CALSYNC_CLIENT_SECRET) credential = { kind: 'secret', ...remote, clientSecret: e.CALSYNC_CLIENT_SECRET };
  else credential = { kind: 'certificate', ...remote, certificatePath: e.CALSYNC_CLIENT_CERTIFICATE_PATH as string };
  const extra = (e.CALSYNC_SYNC_TENANTS ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  const syncTenants = [...new Set([tenantId.toLowerCase(), ...extra])];
  return frozen({ tenantId, syncTenants, credential, graphBaseUrl: e.CALSYNC_GRAPH_BASE_URL ?? GRAPH_DEFAULT_BASE_URL, caPem });
}

/**
 * The Graph section for an API that runs without the sync: read when any credential variable is set (then every
 * problem is named, as for the sync), undefined when none is — an API with no Graph access at all.
 */
export function loadOptionalGraphConfig(env: NodeJS.ProcessEnv = process.env): GraphConfig | undefined {
  const named =
    ['CALSYNC_CLIENT_ID', 'CALSYNC_CLIENT_SECRET', 'CALSYNC_CLIENT_CERTIFICATE_PATH'].some((v) => env[v]?.trim()) ||
    env.CALSYNC_MANAGED_IDENTITY?.trim() === 'true';
  return named ? loadGraphConfig(env) : undefined;
}

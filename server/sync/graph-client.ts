/**
 * The Graph client the sync uses: app-only tokens from @azure/identity through the client's
 * TokenCredentialAuthenticationProvider (behind a token cache, credential.ts). Retries are ours (see
 * mailbox-graph.ts), so the client's own RetryHandler is turned off per request there; a private CA (the
 * sandbox's) is trusted per client only.
 */
import type { TokenCredential } from '@azure/identity';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { Agent } from 'undici';
import { GRAPH_DEFAULT_BASE_URL } from '../config/graph';
import { cachingCredential } from './credential';


export interface GraphClientOptions {
  credential: TokenCredential;
  /** `CALSYNC_GRAPH_BASE_URL`; Microsoft's endpoint by default. */
  baseUrl?: string;
  /** PEM of a CA to trust for Graph calls only (the local sandbox). */
  caPem?: string;
  /** Sockets to the Graph host (undici pipelines one request per socket): ≥ 4 × mailboxes worked at once. */
  connections?: number;
}

export interface GraphAccess {
  client: Client;
  close(): Promise<void>;
}

export function createGraphAccess(options: GraphClientOptions): GraphAccess {
  const baseUrl = options.baseUrl ?? GRAPH_DEFAULT_BASE_URL;
  const url = new URL(baseUrl);
  const scope = url.origin === GRAPH_DEFAULT_BASE_URL ? `${GRAPH_DEFAULT_BASE_URL}/.default` : 'https://graph.microsoft.com/.default';
  const dispatcher = options.caPem ? new Agent({ connect: { ca: options.caPem }, connections: options.connections ?? 64 }) : undefined;
  const client = Client.initWithMiddleware({
    baseUrl,
    authProvider: new TokenCredentialAuthenticationProvider(cachingCredential(options.credential), { scopes: [scope] }),
    // Tokens go only to these hosts; the sandbox is added explicitly, never a wildcard.
    customHosts: new Set([url.hostname]),
    ...(dispatcher ? { fetchOptions: { dispatcher } as RequestInit } : {}),
  });
  return { client, close: async () => dispatcher?.close() };
}

/**
 * `clientFor` for a process holding one tenant's credential: a job for another tenant fails (and, after its
 * retries, goes to the poison queue) instead of running against the wrong tenant.
 */
export function singleTenantClientFor(tenantId: string, client: Client): (jobTenant: string) => Client {
  return (jobTenant) => {
    if (jobTenant !== tenantId) throw new Error('this process has no Graph credential for the job’s tenant');
    return client;
  };
}

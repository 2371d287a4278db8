/**
 * The Graph client the sync uses: app-only tokens from @azure/identity through the client's
 * TokenCredentialAuthenticationProvider (behind a token cache, credential.ts). Retries are ours (see
 * mailbox-graph.ts), so the client's own RetryHandler is turned off per request there; a private CA (the
 * sandbox's) is trusted per client only.
 */
import type { TokenCredential } from '@azure/identity';
import { Client, MiddlewareFactory } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { createSecureContext } from 'node:tls';
import { Agent, getGlobalDispatcher } from 'undici';
import { GRAPH_DEFAULT_BASE_URL } from '../config/graph';
import { BufferedHttpHandler } from './buffered-http-handler';
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

/** Graph clients per tenant, all on one connection pool. */
export interface TenantGraphClients {
  /**
   * The client for a job's tenant: its own credential, asking that tenant's authority, with its own token cache. Made
   * on first use and kept; a job can only ever get its own tenant's token.
   */
  clientFor(tenantId: string): Client;
  close(): Promise<void>;
}

export interface TenantGraphClientOptions extends Omit<GraphClientOptions, 'credential'> {
  /** The app's credential in a tenant (createTenantCredential); may throw for a tenant it cannot serve. */
  credentialFor(tenantId: string): TokenCredential;
}

export function createTenantGraphClients(options: TenantGraphClientOptions): TenantGraphClients {
  const baseUrl = options.baseUrl ?? GRAPH_DEFAULT_BASE_URL;
  const url = new URL(baseUrl);
  const scope = url.origin === GRAPH_DEFAULT_BASE_URL ? `${GRAPH_DEFAULT_BASE_URL}/.default` : 'https://graph.microsoft.com/.default';
  // One TLS context for every socket: given only `ca`, each new connection built its own and parsed the PEM again
  // (a first round opens hundreds of sockets).
  const dispatcher = options.caPem
    ? new Agent({ connect: { secureContext: createSecureContext({ ca: options.caPem }) }, connections: options.connections ?? 64 })
    : undefined;
  const clients = new Map<string, Client>();
  return {
    clientFor(tenantId) {
      const key = tenantId.toLowerCase();
      let client = clients.get(key);
      if (!client) {
        // The default chain (auth, retry, redirect, telemetry) ending in BufferedHttpHandler instead of global fetch.
        const middleware = MiddlewareFactory.getDefaultMiddlewareChain(
          new TokenCredentialAuthenticationProvider(cachingCredential(options.credentialFor(key)), { scopes: [scope] }),
        );
        middleware[middleware.length - 1] = new BufferedHttpHandler(dispatcher ?? getGlobalDispatcher());
        client = Client.initWithMiddleware({
          baseUrl,
          middleware,
          // Tokens go only to these hosts; the sandbox is added explicitly, never a wildcard.
          customHosts: new Set([url.hostname]),
        });
        clients.set(key, client);
      }
      return client;
    },
    close: async () => dispatcher?.close(),
  };
}

/** One client for one credential (a single tenant's: tools, benchmarks). */
export function createGraphAccess(options: GraphClientOptions): GraphAccess {
  const clients = createTenantGraphClients({ ...options, credentialFor: () => options.credential });
  return { client: clients.clientFor('default'), close: () => clients.close() };
}

import { ClientSecretCredential } from '@azure/identity';
import { Client, GraphError, RetryHandlerOptions, type Middleware } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { Agent, fetch as undiciFetch } from 'undici';
import { startGraphSandbox, type GraphSandbox, type GraphSandboxOptions } from '../../src/index';

export const graphScope = 'https://graph.microsoft.com/.default';

/** The real credential path: authorityHost at the sandbox, its CA trusted for this credential only. */
export function sandboxCredential(sandbox: GraphSandbox, secret = sandbox.app.clientSecret): ClientSecretCredential {
  return new ClientSecretCredential(sandbox.tenantId, sandbox.app.clientId, secret, {
    authorityHost: sandbox.authorityHost,
    // MSAL would otherwise ask login.microsoftonline.com whether the authority is known.
    disableInstanceDiscovery: true,
    tlsOptions: { ca: sandbox.caPem },
  });
}

export interface SandboxHarness {
  sandbox: GraphSandbox;
  client: Client;
  credential: ClientSecretCredential;
  /** undici Agent trusting only the sandbox CA; passed to the Graph client's fetch per request. */
  dispatcher: Agent;
  /** A bearer token for raw requests. */
  token(): Promise<string>;
  /** Raw HTTPS call to the sandbox with a valid token unless `authorization` is given. */
  raw(method: string, path: string, init?: { body?: unknown; headers?: Record<string, string>; authorization?: string | null }): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- Graph JSON, asserted field by field in tests
}

export function graphClient(
  sandbox: GraphSandbox,
  credential: ClientSecretCredential,
  dispatcher: Agent,
  options: { retry?: RetryHandlerOptions; middleware?: Middleware } = {},
): Client {
  const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: [graphScope] });
  return Client.initWithMiddleware({
    baseUrl: sandbox.baseUrl,
    authProvider,
    customHosts: new Set([new URL(sandbox.baseUrl).hostname]),
    // The Graph client calls global fetch; this dispatcher makes that fetch trust the sandbox CA.
    fetchOptions: { dispatcher } as RequestInit,
    ...(options.middleware ? { middleware: options.middleware } : {}),
  });
}

export async function startHarness(options: GraphSandboxOptions = {}): Promise<SandboxHarness> {
  const sandbox = await startGraphSandbox(options);
  const credential = sandboxCredential(sandbox);
  const dispatcher = new Agent({ connect: { ca: sandbox.caPem } });
  const client = graphClient(sandbox, credential, dispatcher);
  const token = async (): Promise<string> => (await credential.getToken(graphScope)).token;
  const raw: SandboxHarness['raw'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.authorization !== null) headers.Authorization = init.authorization ?? `Bearer ${await token()}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await undiciFetch(`${sandbox.baseUrl}${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      dispatcher,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers as unknown as Headers, body: text ? JSON.parse(text) : undefined };
  };
  return {
    sandbox,
    client,
    credential,
    dispatcher,
    token,
    raw,
    close: async () => {
      await sandbox.stop();
      await dispatcher.close();
    },
  };
}

/** A window of `days` days starting `fromDaysAgo` days before now, as calendarView query values. */
export function windowAroundNow(fromDaysAgo = 7, days = 28): { startDateTime: string; endDateTime: string } {
  const start = Date.now() - fromDaysAgo * 86_400_000;
  return { startDateTime: new Date(start).toISOString(), endDateTime: new Date(start + days * 86_400_000).toISOString() };
}

/** The GraphError the real client throws for a request; fails the test if the request succeeds. */
export async function graphError(request: Promise<unknown>): Promise<GraphError> {
  const outcome = await request.then(
    () => new Error('expected the request to fail'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof GraphError)) throw outcome;
  return outcome;
}

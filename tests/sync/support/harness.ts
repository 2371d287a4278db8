/**
 * A Graph sandbox seeded with a small team, and the sync wired to it through the real Graph client and
 * @azure/identity credential. Tests run rounds, edit events the way a person would (straight in the
 * sandbox store, which emits the same changes Graph would), and read each event's final categories.
 */
import { Client, MiddlewareFactory, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { Agent } from 'undici';
import type { Rule } from '../../../shared';
import { startGraphSandbox, type GraphSandbox, type GraphSandboxOptions, type SeedDocument } from '../../../graph-sandbox/src/index';
import type { LargeTenantOptions } from '../../../graph-sandbox/src/scenarios/large-tenant';
import type { SyncStateRepository } from '../../../server/store/sync-state';
import { createGraphCredential } from '../../../server/sync/credential';
import { createGraphAccess } from '../../../server/sync/graph-client';
import { InMemorySyncStateRepository } from '../../../server/sync/in-memory-sync-state';
import { MailboxGates } from '../../../server/sync/mailbox-gate';
import { runMailboxRound, type MailboxRoundDeps, type RoundOptions, type RoundTuning } from '../../../server/sync/mailbox-round';
import type { RoundReport } from '../../../server/sync/round-report';
import type { SyncSettings } from '../../../server/sync/round-config';

export interface SyncHarnessOptions {
  document: SeedDocument;
  /** A generated large tenant instead of `document` (pass an empty document with it). */
  generate?: LargeTenantOptions;
  rules: Rule[];
  settings?: SyncSettings;
  sandbox?: Omit<GraphSandboxOptions, 'scenario'>;
  tuning?: Partial<RoundTuning>;
  syncState?: SyncStateRepository;
  /** Runs before each request reaches the network (a test's way to change things between read and write). */
  beforeSend?: (context: Context) => Promise<void> | void;
}

export interface SyncHarness {
  sandbox: GraphSandbox;
  deps: MailboxRoundDeps;
  syncState: SyncStateRepository;
  gates: MailboxGates;
  /** The rules the next round loads (tests replace them to change rules). */
  rules: Rule[];
  settings: SyncSettings;
  round(mailbox: string, options?: Partial<RoundOptions>): Promise<RoundReport>;
  close(): Promise<void>;
}

/** Fast, still jittered, backoff for tests: the sandbox's Retry-After is honoured as given. */
export const testBackoff = { maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 2_000, random: () => 0.5 };

function interceptor(hook: (context: Context) => Promise<void> | void): Middleware {
  let next: Middleware | undefined;
  return {
    async execute(context: Context): Promise<void> {
      await hook(context);
      await next!.execute(context);
    },
    setNext(middleware: Middleware): void {
      next = middleware;
    },
  };
}

export async function startSyncHarness(options: SyncHarnessOptions): Promise<SyncHarness> {
  const sandbox = await startGraphSandbox({ ...options.sandbox, scenario: options.generate ? { generate: options.generate } : { document: options.document } });
  const credential = createGraphCredential(sandbox.credential);
  let client: Client;
  let closeClient: () => Promise<void>;
  if (options.beforeSend) {
    const dispatcher = new Agent({ connect: { ca: sandbox.caPem } });
    const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: ['https://graph.microsoft.com/.default'] });
    const chain = MiddlewareFactory.getDefaultMiddlewareChain(authProvider);
    chain.splice(chain.length - 1, 0, interceptor(options.beforeSend));
    client = Client.initWithMiddleware({
      baseUrl: sandbox.baseUrl,
      middleware: chain,
      customHosts: new Set(['127.0.0.1']),
      fetchOptions: { dispatcher } as RequestInit,
    });
    closeClient = () => dispatcher.close();
  } else {
    const access = createGraphAccess({ credential, baseUrl: sandbox.baseUrl, caPem: sandbox.caPem });
    client = access.client;
    closeClient = access.close;
  }
  const syncState = options.syncState ?? new InMemorySyncStateRepository();
  const gates = new MailboxGates();
  const harness: SyncHarness = {
    sandbox,
    syncState,
    gates,
    rules: options.rules,
    settings: options.settings ?? { internalDomains: ['contoso.com'] },
    deps: undefined as unknown as MailboxRoundDeps,
    round: (mailbox, roundOptions = {}) => runMailboxRound(harness.deps, mailbox, { mode: 'sync', ...roundOptions }),
    close: async () => {
      await sandbox.stop();
      await closeClient();
    },
  };
  harness.deps = {
    tenantId: sandbox.tenantId,
    client,
    syncState,
    gates,
    loadRules: async () => ({ rules: harness.rules, settings: harness.settings }),
    backoff: testBackoff,
    tuning: options.tuning,
  };
  return harness;
}

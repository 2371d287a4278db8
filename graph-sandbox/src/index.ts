import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { RequestAccounting, type AccountingSnapshot } from './accounting';
import { TokenAuthority, type SandboxApp } from './auth';
import type { SandboxContext } from './context';
import { DeltaTokens } from './delta-tokens';
import { defaultDirectoryOptions, type DirectoryOptions } from './directory-paging';
import { FaultInjector, type FaultSettings, type ScriptedFault } from './faults';
import { createSandboxServer } from './http-server';
import type { DirectoryUserInput, GroupInput } from './groups';
import { createSandboxLogger } from './logger';
import type { DirectoryGroup, DirectoryUser } from './model';
import { demoTeam } from './scenarios/demo-team';
import { generateLargeTenant, type LargeTenantOptions } from './scenarios/large-tenant';
import { applySeedDocument, readSeedFile, type SeedDocument } from './scenarios/seed-document';
import { reportedDeltaSeries, type DeltaSeriesOptions } from './series-delta';
import { SandboxStore } from './store';
import type { EndpointReport } from './endpoint-health';
import { defaultSubscriptionSettings, SubscriptionManager, type LifecycleEvent, type SubscriptionSettings } from './subscriptions';
import { defaultThrottleLimits, Throttle, type ThrottleLimits } from './throttling';
import { defaultDirectoryLimits, DirectoryThrottle, type DirectoryLimits } from './directory-throttling';
import type { ConsentAnswer, ConsentErrorCode, SandboxTenant, SandboxTenantInput } from './tenants';
import { createSandboxCertificate } from './tls';
import { ViewCache } from './view-cache';

export type { ConsentAnswer, ConsentErrorCode, SandboxTenant, SandboxTenantInput };
export type { DirectoryGroup, DirectoryOptions, DirectoryUser, DirectoryUserInput, GroupInput };
export type { DirectoryLimits } from './directory-throttling';
export type {
  AccountingSnapshot,
  DeltaSeriesOptions,
  FaultSettings,
  LargeTenantOptions,
  LifecycleEvent,
  SandboxApp,
  ScriptedFault,
  SeedDocument,
  SubscriptionSettings,
  ThrottleLimits,
};
export { demoTeam, readSeedFile };
export { referenceDeltaSeries, reportedDeltaSeries } from './series-delta';

/** What to load: the demo team, a JSON seed file or document, or a generated large tenant. */
export type Scenario = 'empty' | 'demo' | { seedFile: string } | { document: SeedDocument } | { generate: LargeTenantOptions };

export interface GraphSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The home tenant (consented; the seeded scenario's mailboxes live here unless another tenant verified their domain). */
  tenantId?: string;
  /** More directories, each with its own domains and mailboxes; not consented unless `consented: true`. */
  tenants?: SandboxTenantInput[];
  /** What the token endpoint answers for a tenant without consent (see ConsentErrorCode); default 7000229. */
  consentErrorCode?: ConsentErrorCode;
  /** Apps allowed to get tokens; default one app, see `defaultSandboxApp`. */
  apps?: SandboxApp[];
  scenario?: Scenario;
  /** Anchor for the demo team's four weeks (default: now). */
  demoAnchor?: Date;
  faults?: Partial<FaultSettings>;
  limits?: Partial<ThrottleLimits>;
  /** Entra's resource-unit budget for directory requests (default: by tenant size, per 10 s; directory-throttling.ts). */
  directoryLimits?: Partial<DirectoryLimits>;
  /** Page sizes: Graph's default for events is 10; `Prefer: odata.maxpagesize` may ask up to `maxPageSize`. */
  paging?: { defaultPageSize?: number; maxPageSize?: number };
  maxBatchRequests?: number;
  subscriptions?: Partial<SubscriptionSettings>;
  tokenLifetimeSeconds?: number;
  deltaTokenTtlMs?: number;
  /** How calendarView/delta reports series; default what developers report from real Graph (`reportedDeltaSeries`). */
  deltaSeries?: Partial<DeltaSeriesOptions>;
  /** Directory collections: pages smaller than `$top`, and whether an OData cast needs the advanced query headers. */
  directory?: Partial<DirectoryOptions>;
  logger?: Logger;
}

export const defaultSandboxApp: SandboxApp = {
  clientId: '11111111-2222-3333-4444-555555555555',
  clientSecret: 'sandbox-client-secret',
  displayName: 'CalSync (sandbox)',
};
export const defaultTenantId = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

/**
 * A client-secret credential for this sandbox's token endpoint, in the shape CalSync's GraphCredentialConfig takes
 * (kind 'secret'). Spelled out here so the sandbox depends on nothing of the product it stands in for.
 */
export interface SandboxCredential {
  kind: 'secret';
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authorityHost: string;
  caPem: string;
}

export interface GraphSandbox {
  /** `https://127.0.0.1:{port}`: pass as the Graph client's baseUrl. */
  baseUrl: string;
  /** Pass as `authorityHost` to @azure/identity credentials (with `disableInstanceDiscovery: true`). */
  authorityHost: string;
  tokenUrl: string;
  tenantId: string;
  port: number;
  app: SandboxApp;
  /** PEM of the CA to trust (undici Agent `connect: { ca }`, `tlsOptions: { ca }`, or NODE_EXTRA_CA_CERTS). */
  caPem: string;
  /** The app-only credential config that reaches this sandbox (pass to CalSync's createGraphCredential). */
  credential: SandboxCredential;
  accounting: { snapshot(): AccountingSnapshot; reset(): void };
  faults: {
    configure(settings: Partial<FaultSettings>): void;
    current(): FaultSettings;
    /** Scripted answers for the next matching requests (see ScriptedFault). */
    script(...faults: ScriptedFault[]): void;
    /** Scripted faults not yet used. */
    scriptedLeft(): number;
    clearScript(): void;
  };
  /** Changes how later delta pages report series (a round already paging keeps its entries, not their rendering). */
  deltaSeries: { configure(options: Partial<DeltaSeriesOptions>): void; current(): DeltaSeriesOptions };
  limits: { configure(limits: Partial<ThrottleLimits>): void; current(): ThrottleLimits; resetCounters(): void };
  directoryLimits: { configure(limits: Partial<DirectoryLimits>): void; current(): DirectoryLimits; resetCounters(): void };
  /** How directory collections page and what an OData cast needs (see DirectoryOptions); applies to later requests. */
  directory: { configure(options: Partial<DirectoryOptions>): void; current(): DirectoryOptions };
  /** Entra groups and users without a mailbox, changed at runtime (between sync rounds, say). */
  groups: {
    create(group: GroupInput): DirectoryGroup;
    delete(groupId: string): void;
    /** A user (object id or UPN, mailbox or not) or a group (id) becomes a direct member. */
    addMember(groupId: string, member: string): void;
    removeMember(groupId: string, member: string): void;
    addUserWithoutMailbox(user: DirectoryUserInput): DirectoryUser;
    list(tenantId?: string): DirectoryGroup[];
  };
  seed(scenario: Exclude<Scenario, 'empty'>): { upns: string[] };
  triggerLifecycle(subscriptionId: string, lifecycleEvent: LifecycleEvent): Promise<void>;
  /** Resolves when queued change notifications have been delivered (or given up). */
  notificationsSettled(): Promise<void>;
  /** How Graph judges a notification URL now: slow responses, throttling state, held-back and dropped notifications. */
  endpointReport(notificationUrl: string): EndpointReport;
  expireAccessTokens(): void;
  /** The directories: add tenants, script the admin-consent page, grant or revoke consent. */
  tenants: {
    add(tenant: SandboxTenantInput): SandboxTenant;
    list(): SandboxTenant[];
    /** Answers for the next `GET /{tenant}/v2.0/adminconsent` requests, in order. */
    scriptConsent(...answers: ConsentAnswer[]): void;
    /**
     * The admin removes the app (its service principal) from the tenant: new token requests fail with the consent
     * error. Tokens already issued stay valid until they expire, as Entra's access tokens do; call
     * expireAccessTokens() to reach that moment.
     */
    revokeConsent(tenantId: string): void;
    grantConsent(tenantId: string): void;
    setConsentErrorCode(code: ConsentErrorCode): void;
  };
  /** The app-only credential config for another tenant of this sandbox (same app, the job's tenant). */
  credentialFor(tenantId: string): SandboxCredential;
  /**
   * Every delta token issued so far becomes invalid. `answer` sets how Graph refuses them from now on: 410
   * SyncStateNotFound by default, or another 40X with a code such as syncStateNotFound or resyncRequired.
   */
  expireDeltaTokens(answer?: { status: number; code: string }): void;
  store: SandboxStore;
  stop(): Promise<void>;
}

export async function startGraphSandbox(options: GraphSandboxOptions = {}): Promise<GraphSandbox> {
  const tenantId = options.tenantId ?? defaultTenantId;
  const apps = options.apps ?? [defaultSandboxApp];
  const logger = options.logger ?? createSandboxLogger();
  const store = new SandboxStore(tenantId);
  for (const tenant of options.tenants ?? []) store.directory.add(tenant);
  if (options.consentErrorCode) store.directory.consentErrorCode = options.consentErrorCode;
  const accounting = new RequestAccounting();
  const throttle = new Throttle({ ...defaultThrottleLimits, ...options.limits });
  const directoryThrottle = new DirectoryThrottle({ ...defaultDirectoryLimits, ...options.directoryLimits });
  const faults = new FaultInjector(options.faults);
  const cert = await createSandboxCertificate();
  const ctx: SandboxContext = {
    store,
    baseUrl: '',
    accounting,
    throttle,
    directoryThrottle,
    faults,
    views: new ViewCache(),
    deltaTokens: new DeltaTokens(options.deltaTokenTtlMs ?? 7 * 86_400_000),
    deltaSeries: { ...reportedDeltaSeries, ...options.deltaSeries },
    directory: { ...defaultDirectoryOptions, ...options.directory },
    subscriptions: new SubscriptionManager(store, accounting, logger, { ...defaultSubscriptionSettings, ...options.subscriptions }),
    authority: new TokenAuthority(tenantId, store.directory, apps, options.tokenLifetimeSeconds ?? 3599),
    logger,
    limits: {
      defaultPageSize: options.paging?.defaultPageSize ?? 10,
      maxPageSize: options.paging?.maxPageSize ?? 1000,
      maxBatchRequests: options.maxBatchRequests ?? 20,
    },
  };
  const seed = (scenario: Exclude<Scenario, 'empty'>): { upns: string[] } => {
    if (scenario === 'demo') applySeedDocument(store, demoTeam(options.demoAnchor));
    else if ('seedFile' in scenario) applySeedDocument(store, readSeedFile(scenario.seedFile));
    else if ('document' in scenario) applySeedDocument(store, scenario.document);
    else return generateLargeTenant(store, scenario.generate);
    return { upns: store.mailboxes().map((m) => m.userPrincipalName) };
  };
  if (options.scenario && options.scenario !== 'empty') seed(options.scenario);

  const server = createSandboxServer(() => ctx, cert);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  ctx.baseUrl = `https://127.0.0.1:${port}`;
  logger.info({ baseUrl: ctx.baseUrl, mailboxes: store.mailboxes().length, tenants: store.directory.list().length }, 'graph sandbox listening');
  const credential: SandboxCredential = {
    kind: 'secret',
    tenantId,
    clientId: (apps[0] as SandboxApp).clientId,
    clientSecret: (apps[0] as SandboxApp).clientSecret,
    authorityHost: ctx.baseUrl,
    caPem: cert.caPem,
  };

  return {
    baseUrl: ctx.baseUrl,
    authorityHost: ctx.baseUrl,
    tokenUrl: `${ctx.baseUrl}/${tenantId}/oauth2/v2.0/token`,
    tenantId,
    port,
    app: apps[0] as SandboxApp,
    caPem: cert.caPem,
    credential,
    accounting: { snapshot: () => accounting.snapshot(), reset: () => accounting.reset() },
    faults: {
      configure: (s) => faults.configure(s),
      current: () => faults.current,
      script: (...f) => faults.scriptFaults(...f),
      scriptedLeft: () => faults.scriptedLeft,
      clearScript: () => faults.clearScript(),
    },
    deltaSeries: {
      configure: (o) => {
        ctx.deltaSeries = { ...ctx.deltaSeries, ...o };
      },
      current: () => ({ ...ctx.deltaSeries }),
    },
    limits: {
      configure: (l) => {
        throttle.limits = { ...throttle.limits, ...l };
      },
      current: () => ({ ...throttle.limits }),
      resetCounters: () => throttle.reset(),
    },
    directoryLimits: {
      configure: (l) => {
        directoryThrottle.limits = { ...directoryThrottle.limits, ...l };
      },
      current: () => ({ ...directoryThrottle.limits }),
      resetCounters: () => directoryThrottle.reset(),
    },
    directory: {
      configure: (o) => {
        ctx.directory = { ...ctx.directory, ...o };
      },
      current: () => ({ ...ctx.directory }),
    },
    groups: {
      create: (g) => store.groups.createGroup(g),
      delete: (id) => store.groups.deleteGroup(id),
      addMember: (id, member) => store.groups.addMember(id, member),
      removeMember: (id, member) => store.groups.removeMember(id, member),
      addUserWithoutMailbox: (u) => store.groups.addDirectoryUser(u),
      list: (tenantId) => store.groups.list(tenantId),
    },
    seed,
    triggerLifecycle: (id, event) => ctx.subscriptions.triggerLifecycle(id, event),
    notificationsSettled: () => ctx.subscriptions.idle(),
    endpointReport: (url) => ctx.subscriptions.endpointReport(url),
    expireAccessTokens: () => ctx.authority.expireAllTokens(),
    tenants: {
      add: (t) => store.directory.add(t),
      list: () => store.directory.list(),
      scriptConsent: (...answers) => store.directory.scriptConsent(...answers),
      revokeConsent: (id) => store.directory.setConsent(id, false),
      grantConsent: (id) => store.directory.setConsent(id, true),
      setConsentErrorCode: (code) => {
        store.directory.consentErrorCode = code;
      },
    },
    credentialFor: (id) => ({ ...credential, tenantId: id }),
    expireDeltaTokens: (answer) => {
      if (answer) ctx.deltaTokens.expiredAnswer = answer;
      ctx.deltaTokens.expireAll();
    },
    store,
    stop: async () => {
      ctx.subscriptions.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

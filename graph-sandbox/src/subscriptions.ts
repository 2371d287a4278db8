import { randomUUID } from 'node:crypto';
import type { ChangeNotification, ChangeNotificationCollection, Subscription } from '@microsoft/microsoft-graph-types';
import type { Logger } from 'pino';
import type { RequestAccounting } from './accounting';
import { EndpointHealth, graphEndpointThrottling, type EndpointReport, type EndpointThrottling } from './endpoint-health';
import { GraphError, badRequest } from './graph-error';
import type { ChangeRecord, ChangeType, SandboxStore } from './store';

export const maxExpirationMinutes = 4230;
export type LifecycleEvent = 'reauthorizationRequired' | 'missed' | 'subscriptionRemoved';

/** Who calls: an app, in the tenant its token was issued for. Subscriptions belong to both. */
export interface SubscriptionCaller {
  appId: string;
  tenantId: string;
}

export interface StoredSubscription {
  id: string;
  appId: string;
  /** The tenant of the token that created it: its notifications carry this tenantId, and only it may see it. */
  tenantId: string;
  resource: string;
  mailboxId: string;
  changeTypes: ChangeType[];
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expirationMs: number;
  /** As requested; null when the request left it out (echoed so, as in the "Create subscription" response). */
  includeResourceData: boolean | null;
}

export interface SubscriptionSettings {
  /** How long the notification endpoint has to echo the validation token (Graph: 10 s). */
  validationTimeoutMs: number;
  /** Changes within this window are POSTed together in one `{ value: [...] }`. */
  notificationBatchDelayMs: number;
  /** At most this many notifications per POST. */
  maxNotificationsPerPost: number;
  /**
   * How long a delivery waits for the endpoint's answer. Graph's page says 3 s (concepts/change-notifications-
   * delivery-webhooks.md, "Processing the change notification" and "Throttling"); a 2023 revision of the same page
   * (microsoft-graph-docs-contrib commit 97bfa1b) said 10 s — set 10_000 (and throttling.slowResponseMs) to model that.
   */
  deliveryTimeoutMs: number;
  deliveryAttempts: number;
  deliveryRetryDelayMs: number;
  /** How slow endpoints are flagged, delayed and dropped (endpoint-health.ts). */
  throttling: EndpointThrottling;
}

export const defaultSubscriptionSettings: SubscriptionSettings = {
  validationTimeoutMs: 10_000,
  notificationBatchDelayMs: 50,
  maxNotificationsPerPost: 100,
  deliveryTimeoutMs: 3_000,
  deliveryAttempts: 3,
  deliveryRetryDelayMs: 500,
  throttling: graphEndpointThrottling,
};

const resourcePattern = /^\/?users\/([^/]+)\/(?:calendar\/)?events$/i;

/** Only loopback receivers: the sandbox never calls out of the machine. */
function assertLoopbackUrl(value: unknown, field: string): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw badRequest(`Invalid ${field}: '${String(value)}'.`, 'InvalidRequest');
  }
  if (!['http:', 'https:'].includes(url.protocol) || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw badRequest(`The sandbox only delivers to loopback ${field}s (http(s)://127.0.0.1 or localhost), not '${url.href}'.`, 'InvalidRequest');
  }
  return url.href;
}

/** Graph's change-notification subscriptions: validation handshake, batching, lifecycle events. */
export class SubscriptionManager {
  private readonly subscriptions = new Map<string, StoredSubscription>();
  private readonly queues = new Map<string, ChangeNotification[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly aborts = new Set<AbortController>();
  /** Deliveries held back from a slow endpoint: not waited for by idle() (Graph holds them 10 minutes). */
  private readonly delayed = new Set<NodeJS.Timeout>();
  private readonly health: EndpointHealth;
  private stopped = false;

  constructor(
    private readonly store: SandboxStore,
    private readonly accounting: RequestAccounting,
    private readonly logger: Logger,
    public settings: SubscriptionSettings,
  ) {
    store.onChange((change) => this.enqueue(change));
    this.health = new EndpointHealth(
      () => this.settings.throttling,
      () => store.now(),
    );
  }

  /** How Graph currently judges a notification URL (slow responses, throttling state, dropped notifications). */
  endpointReport(url: string): EndpointReport {
    return this.health.report(url);
  }

  private async post(url: string, body: string, contentType: string, timeoutMs: number): Promise<{ status: number; text: string; contentType: string }> {
    const abort = new AbortController();
    this.aborts.add(abort);
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const res = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': contentType }, signal: abort.signal });
      return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') ?? '' };
    } finally {
      clearTimeout(timer);
      this.aborts.delete(abort);
    }
  }

  private async validate(url: string): Promise<void> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
    let ok = false;
    try {
      const res = await this.post(target, '', 'text/plain; charset=utf-8', this.settings.validationTimeoutMs);
      // 200, text/plain, and the token as decoded from the query string — an encoded echo fails:
      // concepts/includes/change-notifications-delivery-notificationurl-validation.md (microsoft-graph-docs-contrib).
      ok = res.status === 200 && /^text\/plain(;|$)/i.test(res.contentType.trim()) && res.text === token;
    } catch {
      ok = false;
    }
    if (!ok) {
      throw new GraphError(
        400,
        'ValidationError',
        `Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.`,
      );
    }
  }

  async create(caller: SubscriptionCaller, body: Record<string, unknown>): Promise<StoredSubscription> {
    const match = resourcePattern.exec(String(body.resource ?? ''));
    if (!match) throw badRequest(`The sandbox supports subscriptions on '/users/{id}/events' only, not '${String(body.resource)}'.`, 'InvalidRequest');
    const mailbox = this.store.mailboxOfTenant(decodeURIComponent(match[1] as string), caller.tenantId);
    const changeTypes = String(body.changeType ?? '')
      .split(',')
      .map((c) => c.trim()) as ChangeType[];
    if (changeTypes.length === 0 || changeTypes.some((c) => !['created', 'updated', 'deleted'].includes(c))) {
      throw badRequest(`Invalid changeType '${String(body.changeType)}'.`, 'InvalidRequest');
    }
    const expirationMs = Date.parse(String(body.expirationDateTime ?? ''));
    this.assertExpiration(expirationMs);
    const clientState = body.clientState === undefined || body.clientState === null ? null : String(body.clientState);
    if (clientState && clientState.length > 128) throw badRequest('clientState must be at most 128 characters.', 'InvalidRequest');
    // Rich notifications need an encryption certificate, which the sandbox does not implement.
    if (body.includeResourceData === true)
      throw badRequest('The sandbox does not support includeResourceData (notifications with resource data).', 'InvalidRequest');
    const notificationUrl = assertLoopbackUrl(body.notificationUrl, 'notificationUrl');
    const lifecycleNotificationUrl = body.lifecycleNotificationUrl ? assertLoopbackUrl(body.lifecycleNotificationUrl, 'lifecycleNotificationUrl') : null;
    await this.validate(notificationUrl);
    if (lifecycleNotificationUrl) await this.validate(lifecycleNotificationUrl);
    const subscription: StoredSubscription = {
      id: randomUUID(),
      appId: caller.appId,
      tenantId: caller.tenantId,
      resource: String(body.resource),
      mailboxId: mailbox.id,
      changeTypes,
      notificationUrl,
      lifecycleNotificationUrl,
      clientState,
      expirationMs,
      includeResourceData: body.includeResourceData === false ? false : null,
    };
    this.subscriptions.set(subscription.id, subscription);
    return subscription;
  }

  private assertExpiration(expirationMs: number): void {
    const now = this.store.now();
    if (Number.isNaN(expirationMs) || expirationMs <= now) throw badRequest('Subscription expiration must be in the future.', 'InvalidRequest');
    // No grace: Graph refuses anything later than now + 4,230 minutes for Outlook resources.
    if (expirationMs > now + maxExpirationMinutes * 60_000) {
      throw badRequest(`Subscription expiration can only be ${maxExpirationMinutes} minutes in the future.`, 'InvalidRequest');
    }
  }

  get(caller: SubscriptionCaller, id: string): StoredSubscription {
    const s = this.subscriptions.get(id);
    if (!s || s.appId !== caller.appId || s.tenantId !== caller.tenantId || s.expirationMs <= this.store.now()) {
      throw new GraphError(404, 'ResourceNotFound', `The object was not found.`);
    }
    return s;
  }

  list(caller: SubscriptionCaller): StoredSubscription[] {
    return [...this.subscriptions.values()].filter((s) => s.appId === caller.appId && s.tenantId === caller.tenantId && s.expirationMs > this.store.now());
  }

  renew(caller: SubscriptionCaller, id: string, expirationDateTime: unknown): StoredSubscription {
    const s = this.get(caller, id);
    const expirationMs = Date.parse(String(expirationDateTime ?? ''));
    this.assertExpiration(expirationMs);
    s.expirationMs = expirationMs;
    return s;
  }

  remove(caller: SubscriptionCaller, id: string): void {
    this.get(caller, id);
    this.subscriptions.delete(id);
    this.queues.delete(id);
  }

  render(s: StoredSubscription, contextUrl?: string): Subscription & { '@odata.context'?: string } {
    return {
      ...(contextUrl ? { '@odata.context': contextUrl } : {}),
      id: s.id,
      resource: s.resource,
      applicationId: s.appId,
      changeType: s.changeTypes.join(','),
      clientState: s.clientState,
      notificationUrl: s.notificationUrl,
      notificationQueryOptions: null,
      lifecycleNotificationUrl: s.lifecycleNotificationUrl,
      // Graph's seven fractional digits ("Create subscription" response); the sandbox keeps milliseconds.
      expirationDateTime: new Date(s.expirationMs).toISOString().replace(/Z$/, '0000Z'),
      creatorId: s.appId,
      includeResourceData: s.includeResourceData,
      latestSupportedTlsVersion: 'v1_2',
      encryptionCertificate: null,
      encryptionCertificateId: null,
      notificationUrlAppId: null,
    };
  }

  private enqueue(change: ChangeRecord): void {
    if (this.stopped) return;
    const now = this.store.now();
    for (const s of this.subscriptions.values()) {
      if (s.mailboxId !== change.mailboxId || !s.changeTypes.includes(change.changeType) || s.expirationMs <= now) continue;
      const odataId = `Users/${change.mailboxId}/Events/${change.eventId}`;
      const notification: ChangeNotification = {
        // Each notification has its own id (the change-notifications-delivery-webhooks example).
        id: randomUUID(),
        subscriptionId: s.id,
        subscriptionExpirationDateTime: new Date(s.expirationMs).toISOString(),
        changeType: change.changeType,
        resource: odataId,
        // Outlook resources get exactly these four in resourceData, the etag being the item's version at the change
        // (https://learn.microsoft.com/graph/api/resources/resourcedata); an event's is W/"<changeKey>".
        resourceData: {
          '@odata.type': '#Microsoft.Graph.Event',
          '@odata.id': odataId,
          ...(change.changeKey ? { '@odata.etag': `W/"${change.changeKey}"` } : {}),
          id: change.eventId,
        },
        clientState: s.clientState,
        tenantId: s.tenantId,
      };
      const queue = this.queues.get(s.id);
      if (queue) {
        queue.push(notification);
        continue;
      }
      this.queues.set(s.id, [notification]);
      this.schedule(() => this.flush(s.id), this.settings.notificationBatchDelayMs);
    }
  }

  private schedule(fn: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, delayMs);
    this.timers.add(timer);
  }

  private flush(subscriptionId: string): void {
    const queue = this.queues.get(subscriptionId) ?? [];
    this.queues.delete(subscriptionId);
    const s = this.subscriptions.get(subscriptionId);
    if (!s) return;
    for (let i = 0; i < queue.length; i += this.settings.maxNotificationsPerPost) {
      void this.deliver(s.notificationUrl, { value: queue.slice(i, i + this.settings.maxNotificationsPerPost) }, 1);
    }
  }

  private async deliver(url: string, payload: ChangeNotificationCollection, attempt: number, heldBack = false): Promise<void> {
    if (this.stopped) return;
    const state = this.health.state(url);
    if (state === 'drop') return this.health.countDropped(url, payload.value?.length ?? 0);
    if (state === 'slow' && !heldBack) {
      this.health.countDelayed(url);
      const timer = setTimeout(() => {
        this.delayed.delete(timer);
        void this.deliver(url, payload, attempt, true);
      }, this.settings.throttling.delayMs);
      this.delayed.add(timer);
      return;
    }
    let delivered = false;
    const started = performance.now();
    let elapsedMs: number | undefined;
    try {
      const res = await this.post(url, JSON.stringify(payload), 'application/json; charset=utf-8', this.settings.deliveryTimeoutMs);
      elapsedMs = performance.now() - started;
      delivered = res.status >= 200 && res.status < 300;
    } catch (error) {
      this.logger.debug({ err: error, url }, 'notification delivery failed');
    }
    this.health.record(url, payload.value?.length ?? 0, elapsedMs);
    this.accounting.countNotification(delivered);
    if (!delivered && attempt < this.settings.deliveryAttempts && !this.stopped) {
      this.schedule(() => void this.deliver(url, payload, attempt + 1), this.settings.deliveryRetryDelayMs * attempt);
    }
  }

  /** Test hook: sends a lifecycle notification; `subscriptionRemoved` also deletes the subscription. */
  async triggerLifecycle(subscriptionId: string, lifecycleEvent: LifecycleEvent): Promise<void> {
    const s = this.subscriptions.get(subscriptionId);
    if (!s) throw new Error(`no subscription ${subscriptionId}`);
    if (!s.lifecycleNotificationUrl) throw new Error(`subscription ${subscriptionId} has no lifecycleNotificationUrl`);
    if (lifecycleEvent === 'subscriptionRemoved') this.subscriptions.delete(subscriptionId);
    const payload: ChangeNotificationCollection = {
      value: [
        {
          subscriptionId: s.id,
          subscriptionExpirationDateTime: new Date(s.expirationMs).toISOString(),
          tenantId: s.tenantId,
          clientState: s.clientState,
          lifecycleEvent,
        },
      ],
    };
    const res = await this.post(s.lifecycleNotificationUrl, JSON.stringify(payload), 'application/json; charset=utf-8', this.settings.deliveryTimeoutMs);
    this.accounting.countNotification(res.status >= 200 && res.status < 300);
  }

  /** Waits until queued notifications have been handed to their receivers (for tests). */
  async idle(): Promise<void> {
    while (this.timers.size > 0 || this.aborts.size > 0) await new Promise((r) => setTimeout(r, 10));
  }

  stop(): void {
    this.stopped = true;
    for (const t of [...this.timers, ...this.delayed]) clearTimeout(t);
    this.timers.clear();
    this.delayed.clear();
    for (const a of this.aborts) a.abort();
  }
}

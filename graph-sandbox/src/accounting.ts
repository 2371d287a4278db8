/** What a request did, for tests and benchmarks to count calls without parsing logs. */
export type RequestKind = 'read' | 'write' | 'batch' | 'batchInner' | 'token' | 'subscription' | 'other';

export interface MailboxCounts {
  reads: number;
  writes: number;
  batchInner: number;
  throttled: number;
  /** PATCH count per event id, to prove an event was stamped once and not again. */
  patchesByEventId: Record<string, number>;
}

export interface AccountingSnapshot {
  totalRequests: number;
  batches: number;
  tokensIssued: number;
  throttled429: number;
  faults503: number;
  connectionResets: number;
  /** Bytes of the Graph API's response bodies (not the token endpoint's): what clients had to read. */
  responseBytes: number;
  maxConcurrencySeen: number;
  maxConcurrencyByMailbox: Record<string, number>;
  notificationsDelivered: number;
  notificationsFailed: number;
  /** Latency injected by the fault settings (base + seeded jitter), over the requests that got any. */
  injectedLatency: { requests: number; totalMs: number; minMs: number; maxMs: number };
  byMailbox: Record<string, MailboxCounts>;
  /** Requests that reached a mailbox, by mailbox UPN and the tenant of the token that asked (tid). */
  tokenTenantsByMailbox: Record<string, Record<string, number>>;
  /** Requests whose token's tenant was not the mailbox's (each refused with 404): 0 when every job used its own tenant's token. */
  crossTenantTokenUses: number;
}

export class RequestAccounting {
  private data: AccountingSnapshot = RequestAccounting.empty();
  /**
   * PATCHes per event id, per mailbox, kept in Maps and turned into the snapshot's records only when asked:
   * thousands of distinct ids added to a plain object one by one made V8 build a hidden class per id.
   */
  private patches = new Map<string, Map<string, number>>();

  private static empty(): AccountingSnapshot {
    return {
      totalRequests: 0,
      batches: 0,
      tokensIssued: 0,
      throttled429: 0,
      faults503: 0,
      connectionResets: 0,
      responseBytes: 0,
      maxConcurrencySeen: 0,
      maxConcurrencyByMailbox: {},
      notificationsDelivered: 0,
      notificationsFailed: 0,
      injectedLatency: { requests: 0, totalMs: 0, minMs: 0, maxMs: 0 },
      byMailbox: {},
      tokenTenantsByMailbox: {},
      crossTenantTokenUses: 0,
    };
  }

  private mailbox(upn: string): MailboxCounts {
    let m = this.data.byMailbox[upn];
    if (!m) {
      m = { reads: 0, writes: 0, batchInner: 0, throttled: 0, patchesByEventId: {} };
      this.data.byMailbox[upn] = m;
    }
    return m;
  }

  countRequest(): void {
    this.data.totalRequests++;
  }

  countBatch(): void {
    this.data.batches++;
  }

  countResponseBytes(bytes: number): void {
    this.data.responseBytes += bytes;
  }

  countToken(): void {
    this.data.tokensIssued++;
  }

  countMailboxRequest(upn: string, method: string, inner: boolean, patchedEventId?: string): void {
    const m = this.mailbox(upn);
    if (method === 'GET') m.reads++;
    else m.writes++;
    if (inner) m.batchInner++;
    if (method === 'PATCH' && patchedEventId) {
      let byId = this.patches.get(upn);
      if (!byId) this.patches.set(upn, (byId = new Map()));
      byId.set(patchedEventId, (byId.get(patchedEventId) ?? 0) + 1);
    }
  }

  countTokenUse(upn: string, tokenTenant: string, mailboxTenant: string): void {
    const byTenant = (this.data.tokenTenantsByMailbox[upn] ??= {});
    byTenant[tokenTenant] = (byTenant[tokenTenant] ?? 0) + 1;
    if (tokenTenant !== mailboxTenant) this.data.crossTenantTokenUses++;
  }

  countThrottled(upn: string | null): void {
    this.data.throttled429++;
    if (upn) this.mailbox(upn).throttled++;
  }

  /** A scripted 429 counts as throttled, a scripted 503 as a 503 fault. */
  countScriptedFault(status: 429 | 503): void {
    if (status === 429) this.data.throttled429++;
    else this.data.faults503++;
  }

  countFault(kind: '503' | 'reset'): void {
    if (kind === '503') this.data.faults503++;
    else this.data.connectionResets++;
  }

  countNotification(delivered: boolean): void {
    if (delivered) this.data.notificationsDelivered++;
    else this.data.notificationsFailed++;
  }

  countLatency(ms: number): void {
    const l = this.data.injectedLatency;
    l.minMs = l.requests === 0 ? ms : Math.min(l.minMs, ms);
    l.maxMs = Math.max(l.maxMs, ms);
    l.requests++;
    l.totalMs += ms;
  }

  observeConcurrency(upn: string, inFlight: number): void {
    if (inFlight > this.data.maxConcurrencySeen) this.data.maxConcurrencySeen = inFlight;
    if (inFlight > (this.data.maxConcurrencyByMailbox[upn] ?? 0)) this.data.maxConcurrencyByMailbox[upn] = inFlight;
  }

  snapshot(): AccountingSnapshot {
    const copy = structuredClone(this.data);
    // fromEntries defines own properties, whatever an id looks like.
    for (const [upn, byId] of this.patches) {
      const m = copy.byMailbox[upn];
      if (m) m.patchesByEventId = Object.fromEntries(byId);
    }
    return copy;
  }

  reset(): void {
    this.data = RequestAccounting.empty();
    this.patches = new Map();
  }
}

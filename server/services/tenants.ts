/**
 * Tenant records as the service sees them (issue #15): who is a customer, what they bought and where they stand.
 * Status changes follow TRANSITIONS; a plan is validated before it is stored; every write is etag-guarded (read,
 * then replace If-Match, so a concurrent change is refused rather than lost) and audited in the tenant's log.
 * `access` is the API's view, cached briefly per tenant so the gate costs no store read per request.
 */
import { LRUCache } from 'lru-cache';
import { GUID } from '../config/fields';
import { badRequest, DomainError, notFound, type ErrorDetail } from '../domain/errors';
import type { Principal } from '../domain/principal';
import { addDays, addMonths, parseDay, utcDay } from '../domain/tenant-term';
import type { StoredTenant, TenantPlan, TenantRecord, TenantStatus } from '../store/tenants';
import type { Stores } from '../store/types';
import { AuditLog } from './audit';

/** The smallest plan sold (issue #15: at least 10 seats). */
export const MIN_SEATS = 10;
export const DEFAULT_TERM_MONTHS = 12;
export const DEFAULT_GRACE_DAYS = 14;
/** What a tenant gets when its admin consents before an operator set a plan (issue #15). */
export const TRIAL_PLAN = { seats: MIN_SEATS, days: 30 } as const;

/** Which status each status may move to. Consent can bring back a revoked or offboarded tenant, never a suspended one. */
const TRANSITIONS: Record<TenantStatus, readonly TenantStatus[]> = {
  invited: ['active', 'suspended', 'offboarded'],
  active: ['suspended', 'consent_revoked', 'offboarded'],
  suspended: ['active', 'offboarded'],
  consent_revoked: ['active', 'suspended', 'offboarded'],
  offboarded: ['active'],
};

/** Who changes a record: an operator (CLI) or, on onboarding, the consenting admin. Goes into the audit entry. */
export interface TenantActor {
  userId: string;
  displayName?: string;
}

export interface PlanChange {
  seats?: number;
  termStart?: string;
  termEnd?: string;
  graceDays?: number;
}

export interface ActivateInput {
  displayName: string;
  consentedBy: string;
  contact?: string | null;
}

export interface TenantServiceOptions {
  now?: () => Date;
  /** How long `access` trusts a record read (default 30 s; 0 = every call reads). This instance's writes show at once. */
  accessCacheTtlMs?: number;
}

export class TenantService {
  private readonly now: () => Date;
  private readonly audit: AuditLog;
  /** `record: undefined` caches "no record" too (lru-cache does not store undefined itself). */
  private readonly cache: LRUCache<string, { record: StoredTenant | undefined }> | undefined;

  constructor(
    private readonly stores: Stores,
    options: TenantServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.audit = new AuditLog(stores.audit, this.now);
    const ttl = options.accessCacheTtlMs ?? 30_000;
    this.cache = ttl > 0 ? new LRUCache({ max: 10_000, ttl }) : undefined;
  }

  async get(tenantId: string): Promise<StoredTenant | undefined> {
    return this.stores.tenants.get(tenantId.toLowerCase());
  }

  async list(): Promise<StoredTenant[]> {
    return this.stores.tenants.listAll();
  }

  /** The record the API decides by, cached for the configured TTL. */
  async access(tenantId: string): Promise<StoredTenant | undefined> {
    const hit = this.cache?.get(tenantId);
    if (hit) return hit.record;
    const record = await this.stores.tenants.get(tenantId);
    this.cache?.set(tenantId, { record });
    return record;
  }

  /**
   * The onboarding seam: the admin-consent callback calls this once consent is proven. A tenant without a record
   * starts on the trial plan; one an operator prepared (invited, with a plan) keeps its plan. Consent again
   * (revoked, offboarded) reactivates; a suspended tenant stays suspended until an operator resumes it.
   */
  async activate(actor: TenantActor, tenantId: string, input: ActivateInput): Promise<StoredTenant> {
    const id = normaliseId(tenantId);
    const at = this.now().toISOString();
    const current = await this.stores.tenants.get(id);
    const consent = { consentedBy: input.consentedBy, consentedAt: at, displayName: input.displayName };
    if (!current) {
      const today = utcDay(this.now());
      const plan: TenantPlan = { seats: TRIAL_PLAN.seats, termStart: today, termEnd: addDays(today, TRIAL_PLAN.days), graceDays: DEFAULT_GRACE_DAYS };
      return this.create(actor, {
        tenantId: id,
        status: 'active',
        plan,
        contact: input.contact ?? null,
        createdAt: at,
        updatedAt: at,
        updatedBy: actor.userId,
        ...consent,
      });
    }
    if (current.status === 'suspended') throw new DomainError('conflict', `tenant ${id} is suspended; an operator must resume it`);
    if (current.status !== 'active') assertTransition(current.status, 'active');
    return this.write(actor, current, { ...consent, status: 'active', ...(input.contact !== undefined ? { contact: input.contact } : {}) });
  }

  /**
   * Sets (part of) a tenant's plan. A tenant without a record gets one, `invited`, so an operator can sell a plan
   * before the admin consents. termEnd defaults to termStart + 12 months when only the start is given (or the
   * record is new).
   */
  async setPlan(actor: TenantActor, tenantId: string, change: PlanChange, displayName?: string): Promise<StoredTenant> {
    const id = normaliseId(tenantId);
    const current = await this.stores.tenants.get(id);
    const today = utcDay(this.now());
    const base: TenantPlan = current?.plan ?? {
      seats: MIN_SEATS,
      termStart: today,
      termEnd: addMonths(today, DEFAULT_TERM_MONTHS),
      graceDays: DEFAULT_GRACE_DAYS,
    };
    const termStart = change.termStart ?? base.termStart;
    // A start that is no day leaves the end alone: validatePlan names the start.
    const termEnd = change.termEnd ?? (change.termStart !== undefined && parseDay(termStart) ? defaultTermEnd(termStart) : base.termEnd);
    const plan = validatePlan({ seats: change.seats ?? base.seats, termStart, termEnd, graceDays: change.graceDays ?? base.graceDays });
    if (!current) {
      const at = this.now().toISOString();
      return this.create(actor, {
        tenantId: id,
        displayName: displayName ?? id,
        status: 'invited',
        plan,
        consentedBy: null,
        consentedAt: null,
        contact: null,
        createdAt: at,
        updatedAt: at,
        updatedBy: actor.userId,
      });
    }
    return this.write(actor, current, { plan, ...(displayName !== undefined ? { displayName } : {}) });
  }

  async suspend(actor: TenantActor, tenantId: string): Promise<StoredTenant> {
    return this.moveTo(actor, tenantId, 'suspended');
  }

  /** Undoes a suspension. */
  async resume(actor: TenantActor, tenantId: string): Promise<StoredTenant> {
    const current = await this.existing(tenantId);
    if (current.status !== 'suspended') throw new DomainError('conflict', `tenant ${current.tenantId} is ${current.status}, not suspended`);
    return this.write(actor, current, { status: 'active' });
  }

  /** The first step of offboarding (offboarding.ts): the API and the sync stop acting for the tenant at once. */
  async markOffboarded(actor: TenantActor, tenantId: string): Promise<StoredTenant> {
    return this.moveTo(actor, tenantId, 'offboarded');
  }

  /** The sync's seam: tokens for the tenant fail with a consent error. Nothing is deleted. */
  async markConsentRevoked(actor: TenantActor, tenantId: string): Promise<StoredTenant> {
    return this.moveTo(actor, tenantId, 'consent_revoked');
  }

  /**
   * Refuses enrolling `wouldEnrol` mailboxes in a tenant whose plan has fewer seats (`seats_exceeded`, with both
   * numbers). Reads the record uncached: an operator's new plan counts at once. A tenant without a record has no
   * plan to check (the API's gate refuses such a tenant before any write). A count that must be worked out (group
   * members, from the directory) is asked only when there is a plan to check it against.
   */
  async checkSeats(tenantId: string, count: number | (() => Promise<number>)): Promise<void> {
    const record = await this.stores.tenants.get(tenantId);
    if (!record) return;
    const wouldEnrol = typeof count === 'number' ? count : await count();
    if (wouldEnrol <= record.plan.seats) return;
    throw new DomainError('seats_exceeded', `this would enrol ${wouldEnrol} mailboxes; the plan has ${record.plan.seats} seats`, [
      { path: 'enrolledMailboxes', message: `${wouldEnrol} mailboxes`, code: 'would_enrol' },
      { path: 'seats', message: `${record.plan.seats} seats`, code: 'seats' },
    ]);
  }

  private async moveTo(actor: TenantActor, tenantId: string, status: TenantStatus): Promise<StoredTenant> {
    const current = await this.existing(tenantId);
    assertTransition(current.status, status);
    return this.write(actor, current, { status });
  }

  private async existing(tenantId: string): Promise<StoredTenant> {
    const current = await this.stores.tenants.get(normaliseId(tenantId));
    if (!current) throw notFound('tenant');
    return current;
  }

  private async create(actor: TenantActor, record: TenantRecord): Promise<StoredTenant> {
    this.cache?.delete(record.tenantId);
    const saved = await this.stores.tenants.create(record);
    this.cache?.delete(record.tenantId);
    await this.audit.record(principalOf(actor, record.tenantId), {
      action: 'tenant',
      scope: 'tenant',
      ownerId: null,
      ruleId: null,
      before: null,
      after: recordOf(saved),
    });
    return saved;
  }

  /** Replaces the record read as `current` (If-Match its etag): a change made in between is refused, not lost. */
  private async write(actor: TenantActor, current: StoredTenant, patch: Partial<TenantRecord>): Promise<StoredTenant> {
    const next: TenantRecord = { ...recordOf(current), ...patch, updatedAt: this.now().toISOString(), updatedBy: actor.userId };
    this.cache?.delete(current.tenantId);
    let saved: StoredTenant;
    try {
      saved = await this.stores.tenants.replace(next, current.etag);
    } finally {
      this.cache?.delete(current.tenantId);
    }
    await this.audit.record(principalOf(actor, current.tenantId), {
      action: 'tenant',
      scope: 'tenant',
      ownerId: null,
      ruleId: null,
      before: recordOf(current),
      after: recordOf(saved),
    });
    return saved;
  }
}

function assertTransition(from: TenantStatus, to: TenantStatus): void {
  if (!TRANSITIONS[from].includes(to)) throw new DomainError('conflict', `a ${from} tenant cannot become ${to}`);
}

function normaliseId(tenantId: string): string {
  const id = tenantId.trim().toLowerCase();
  if (!GUID.test(id)) throw badRequest('a tenant id is a GUID', [{ path: 'tenantId', message: 'expected a GUID like 72f988bf-86f1-41af-91ab-2d7cd011db47' }]);
  return id;
}

export function defaultTermEnd(termStart: string): string {
  return addMonths(termStart, DEFAULT_TERM_MONTHS);
}

/** A plan the service stores: whole seats ≥ MIN_SEATS, real days, an end after the start, 0–365 grace days. */
export function validatePlan(plan: TenantPlan): TenantPlan {
  const details: ErrorDetail[] = [];
  if (!Number.isInteger(plan.seats) || plan.seats < MIN_SEATS || plan.seats > 1_000_000)
    details.push({ path: 'seats', message: `expected a whole number of seats from ${MIN_SEATS} to 1000000` });
  const start = parseDay(plan.termStart);
  const end = parseDay(plan.termEnd);
  if (!start) details.push({ path: 'termStart', message: 'expected a date YYYY-MM-DD' });
  if (!end) details.push({ path: 'termEnd', message: 'expected a date YYYY-MM-DD' });
  if (start && end && end <= start) details.push({ path: 'termEnd', message: 'expected a day after termStart' });
  if (!Number.isInteger(plan.graceDays) || plan.graceDays < 0 || plan.graceDays > 365)
    details.push({ path: 'graceDays', message: 'expected a whole number of days from 0 to 365' });
  if (details.length > 0) throw badRequest('the plan is not valid', details);
  return plan;
}

function recordOf(stored: StoredTenant): TenantRecord {
  const { etag, ...record } = stored;
  void etag;
  return record;
}

function principalOf(actor: TenantActor, tenantId: string): Principal {
  return { tenantId, userId: actor.userId, isAdmin: false, ...(actor.displayName ? { displayName: actor.displayName } : {}) };
}

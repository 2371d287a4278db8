/**
 * A fetch that answers like the Rules API (issue 3) from memory: scopes, ETags with If-Match (412 when
 * stale, 428 when missing) on rules and settings, the org-rules lock (409), reorder, audit pages,
 * problem-detail errors. Settings and audit entries are kept as the server stores them and sent through
 * the real server's serialisers, so the pane reads exactly the fields the API sends. `failNext` injects one
 * failure; `unreachable` makes every request fail at the network level.
 */
import type { Event as GraphEvent } from '@microsoft/microsoft-graph-types';
import { compileRuleSet, fromGraphEvent, type Rule } from '../../../shared';
import type { ApiRule, Me, OrgSettings } from '../../../addin/api/api-types';
import type { ApiDirectoryGroup, ApiDirectoryUser, ApiDriftReport, ApiMailboxStatus, ApiSyncSummary } from '../../../shared/api-types';
import { toApiEntry } from '../../../server/routes/audit';
import { toApiError } from '../../../server/http/error-middleware';
import { importDiff, matchImport, parseImportFile, type ImportFile } from '../../../server/services/import-plan';
import { SettingsSchema, toApiSettings } from '../../../server/services/settings';
import { zodDetails } from '../../../server/services/request-bodies';
import { ruleSetEtag } from '../../../server/services/etag';
import type { ApiRuleVersion } from '../../../shared/api-types';
import type { AuditEntry as StoredAuditEntry, StoredSettings } from '../../../server/store/types';

export interface FakeServerOptions {
  me?: Partial<Me>;
  rules?: ApiRule[];
  settings?: Partial<OrgSettings>;
  /** Audit entries per page (the real API's default is 100). */
  auditPageSize?: number;
  syncSummary?: ApiSyncSummary;
  mailboxStatuses?: ApiMailboxStatus[];
  /** The people directory search finds from (by the start of a word of the name or address). */
  directory?: ApiDirectoryUser[];
  /** The groups team search and names come from (admins see all; others their `me.teams` only, as the API). */
  groups?: ApiDirectoryGroup[];
  /** What GET /api/sync/drift answers. */
  drift?: ApiDriftReport;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export class FakeRulesServer {
  rules: ApiRule[];
  me: Me;
  /** As the server stores them: the raw ETag changes with every save. */
  settings: StoredSettings;
  requests: RecordedRequest[] = [];
  /** Newest first, as the store keeps them. */
  audit: StoredAuditEntry[] = [];
  auditPageSize: number;
  syncSummary: ApiSyncSummary;
  mailboxStatuses: ApiMailboxStatus[];
  directory: ApiDirectoryUser[];
  groups: ApiDirectoryGroup[];
  drift: ApiDriftReport;
  unreachable = false;
  /** Versions of the org rules, newest first, kept before each import and restore as the API keeps them. */
  versions: Array<ApiRuleVersion & { rules: ApiRule[] }> = [];
  private failures: Array<{ match: (r: RecordedRequest) => boolean; status: number; body: unknown; headers?: Record<string, string> }> = [];
  private idSeq = 0;

  constructor(options: FakeServerOptions = {}) {
    this.rules = [...(options.rules ?? [])];
    this.me = { tenantId: 't1', userId: 'u1', isAdmin: false, plan: { seats: 50, termEnd: '2099-01-01' }, teams: [], ...options.me };
    const {
      internalDomains = ['contoso.com'],
      enrolledMailboxes = 'all',
      enrolledGroups = [],
      syncWindowDays = { past: 7, future: 30 },
      orgRulesLocked = false,
      categoryPolicy = 'enforce',
    } = options.settings ?? {};
    this.settings = {
      internalDomains,
      enrolledMailboxes,
      enrolledGroups,
      syncWindowDays,
      orgRulesLocked,
      categoryPolicy,
      tenantId: 't1',
      updatedAt: '2026-03-01T00:00:00Z',
      updatedBy: 'u0',
      etag: 's1',
    };
    this.auditPageSize = options.auditPageSize ?? 100;
    this.syncSummary = options.syncSummary ?? { enrolled: 0, syncing: 0, failing: 0, lastChangeAt: null, lastChangeAppliedAt: null };
    this.mailboxStatuses = options.mailboxStatuses ?? [];
    this.directory = options.directory ?? [];
    this.groups = options.groups ?? [];
    this.drift = options.drift ?? { policy: 'enforce', checkedMailboxes: 0, items: [] };
  }

  /** Another admin saves the settings: the ETag changes, so a client holding the old one gets 412. */
  changeSettingsElsewhere(patch: Partial<Pick<OrgSettings, 'internalDomains' | 'enrolledMailboxes' | 'syncWindowDays' | 'orgRulesLocked'>> = {}): void {
    this.settings = { ...this.settings, ...patch, updatedBy: 'u_other', etag: this.nextSettingsEtag() };
  }

  private nextSettingsEtag(): string {
    return `s${Number(this.settings.etag.slice(1)) + 1}`;
  }

  /** A change to org rules while they are locked: refused like the API does, admins included. */
  private lockedOut(scope: string | undefined): Response | null {
    return scope === 'org' && this.settings.orgRulesLocked ? json(409, { code: 'org_rules_locked', message: 'org rules are locked', details: [] }) : null;
  }

  /** The next request matching `method path` (path without query) gets this status and problem body. */
  failNext(method: string, path: string | RegExp, status: number, code: string, message = code, headers?: Record<string, string>): void {
    this.failures.push({
      match: (r) => r.method === method && (typeof path === 'string' ? r.path.split('?')[0] === path : path.test(r.path)),
      status,
      body: { code, message, details: [] },
      headers,
    });
  }

  /** Someone else edits a rule: its ETag changes, so a client holding the old one gets 412. */
  changeElsewhere(id: string, patch: Partial<ApiRule> = {}): void {
    this.rules = this.rules.map((r) => (r.id === id ? { ...r, ...patch, etag: `"elsewhere-${r.etag.replace(/"/g, '')}"` } : r));
  }

  readonly fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'https://calsync.test');
    const req: RecordedRequest = {
      method: init.method ?? 'GET',
      path: url.pathname + url.search,
      headers: Object.fromEntries(Object.entries((init.headers as Record<string, string>) ?? {})),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    this.requests.push(req);
    if (this.unreachable) throw new TypeError('Failed to fetch');
    const i = this.failures.findIndex((f) => f.match(req));
    if (i >= 0) {
      const [f] = this.failures.splice(i, 1);
      return json(f!.status, f!.body, f!.headers);
    }
    return this.route(req, url);
  };

  /** The file checked and matched by the server's own code, so the preview and the import agree as they do in the API. */
  private importFile(body: unknown, dryRun: boolean): Response {
    let file: ImportFile;
    try {
      file = parseImportFile(body);
    } catch (err) {
      const api = toApiError(err);
      if (api) return json(api.status, { code: api.code, message: api.message, details: api.details });
      throw err;
    }
    const refused = this.lockedOut(file.scope);
    if (refused) return refused;
    const match = matchImport(
      this.rules.filter((r) => r.scope === file.scope),
      file.drafts,
    );
    if (dryRun) return json(200, { scope: file.scope, merge: importDiff(match, 'merge'), replace: importDiff(match, 'replace') });
    this.keepVersion(file.scope, { kind: 'import', mode: file.mode, fileName: file.fileName });
    const gone = new Set(file.mode === 'replace' ? match.leftOut.map((r) => r.id) : []);
    const written = match.pairs.map(({ draft, existing }) => {
      this.idSeq += 1;
      return { ...draft, id: existing?.id ?? `r_imp${this.idSeq}`, etag: `"imp${this.idSeq}"` };
    });
    const writtenIds = new Set(written.map((r) => r.id));
    this.rules = [...this.rules.filter((r) => !gone.has(r.id) && !writtenIds.has(r.id)), ...written];
    return json(200, { scope: file.scope, mode: file.mode, created: written.length - match.pairs.filter((p) => p.existing).length, deleted: gone.size });
  }

  private keepVersion(scope: string, reason: ApiRuleVersion['reason']): string {
    const rules = this.rules.filter((r) => r.scope === scope);
    this.idSeq += 1;
    const id = `v2026030100000${String(this.idSeq).padStart(4, '0')}_0000000${this.idSeq % 10}`;
    const at = new Date(Date.UTC(2026, 2, 1, 9, this.idSeq)).toISOString();
    this.versions.unshift({ id, at, actorId: this.me.userId, scope: 'org', reason, ruleCount: rules.length, names: rules.map((r) => r.name), rules });
    return id;
  }

  /** GET /api/rules/versions[/:id] and POST …/:id/restore (org versions only), with the API's If-Match rule. */
  private versionRoute(req: RecordedRequest, path: string): Response {
    const org = () => this.rules.filter((r) => r.scope === 'org');
    if (path === '/api/rules/versions')
      return json(200, { scope: 'org', setEtag: ruleSetEtag(org()), items: this.versions.map(({ rules, ...v }) => (void rules, v)) });
    const [, id, restore] = /^\/api\/rules\/versions\/([^/]+)(\/restore)?$/.exec(path) ?? [];
    const found = this.versions.find((v) => v.id === id);
    if (!found) return json(404, { code: 'not_found', message: 'version not found', details: [] });
    const { rules, ...version } = found;
    const diff = importDiff(matchImport(org(), rules), 'replace');
    if (!restore) return json(200, { version, rules, diff, setEtag: ruleSetEtag(org()) });
    if (req.headers['If-Match'] !== ruleSetEtag(org())) return json(412, { code: 'precondition_failed', message: 'the rule set changed', details: [] });
    const keptVersionId = this.keepVersion('org', { kind: 'restore', versionId: version.id });
    this.rules = [...this.rules.filter((r) => r.scope !== 'org'), ...rules];
    return json(200, { scope: 'org', versionId: version.id, keptVersionId, diff, rules, setEtag: ruleSetEtag(org()) });
  }

  /** Like the API: drafts replace saved rules with the same id, others join them; Graph events are normalised. */
  private preview(body: { events: GraphEvent[]; rules?: Rule[]; timeZone?: string }) {
    const drafts = (body.rules ?? []).map((d, i) => ({ ...d, id: d.id ?? `r_preview_${i}` }));
    const ids = new Set(drafts.map((d) => d.id));
    const rules = [...this.rules.filter((r) => !ids.has(r.id)), ...drafts];
    const set = compileRuleSet(rules, { internalDomains: this.settings.internalDomains });
    return {
      results: body.events.map((raw) => {
        const { categories, matches } = set.evaluate(fromGraphEvent(raw, { timeZone: body.timeZone }));
        return {
          eventId: raw.id ?? '',
          categories,
          matches: matches.map(({ ruleId, ruleName, category, color, why }) => ({ ruleId, ruleName, category, color, why })),
        };
      }),
    };
  }

  private route(req: RecordedRequest, url: URL): Response {
    const { method } = req;
    const path = url.pathname;
    if (method === 'GET' && path === '/api/me') return json(200, this.me);
    if (path.startsWith('/api/rules/versions')) return this.versionRoute(req, path);
    if (method === 'GET' && path === '/api/settings') return json(200, toApiSettings(this.settings));
    if (method === 'PUT' && path === '/api/settings') {
      // As server/services/settings.ts: If-Match required (428), and it must be the current ETag (412).
      const ifMatch = req.headers['If-Match'];
      if (!ifMatch) return json(428, { code: 'precondition_required', message: 'send If-Match', details: [] });
      if (ifMatch !== `"${this.settings.etag}"`) return json(412, { code: 'precondition_failed', message: 'changed', details: [] });
      // The server's own schema, so refusals carry the same paths and words (400 validation_failed).
      const { etag: _etag, updatedAt: _at, updatedBy: _by, ...body } = req.body as OrgSettings;
      const parsed = SettingsSchema.safeParse(body);
      if (!parsed.success) return json(400, { code: 'validation_failed', message: 'invalid settings', details: zodDetails(parsed.error) });
      const { internalDomains, enrolledMailboxes, syncWindowDays, orgRulesLocked } = parsed.data;
      this.settings = {
        ...this.settings,
        internalDomains,
        enrolledMailboxes,
        syncWindowDays,
        orgRulesLocked,
        updatedBy: this.me.userId,
        etag: this.nextSettingsEtag(),
      };
      return json(200, toApiSettings(this.settings));
    }
    if (method === 'POST' && path === '/api/preview') return json(200, this.preview(req.body as { events: GraphEvent[]; rules?: Rule[]; timeZone?: string }));
    if (method === 'GET' && path === '/api/audit') {
      const from = Number(url.searchParams.get('continuationToken') ?? 0);
      const to = from + this.auditPageSize;
      return json(200, { items: this.audit.slice(from, to).map(toApiEntry), ...(to < this.audit.length ? { continuationToken: String(to) } : {}) });
    }
    if (method === 'GET' && path === '/api/sync/summary') return json(200, this.syncSummary);
    if (method === 'GET' && path === '/api/sync/drift') return json(200, this.drift);
    if (method === 'POST' && path === '/api/sync/drift/restore') return json(202, { queued: this.drift.items.length > 0 ? this.syncSummary.enrolled : 0 });
    if (method === 'GET' && path === '/api/sync/mailboxes') return json(200, { items: this.mailboxStatuses });
    const syncNow = /^\/api\/sync\/mailboxes\/([^/]+)\/sync$/.exec(path);
    if (method === 'POST' && syncNow) {
      const mailbox = decodeURIComponent(syncNow[1] as string);
      const known = this.mailboxStatuses.find((m) => m.mailbox === mailbox);
      if (!known) return json(404, { code: 'not_found', message: 'enrolled mailbox not found', details: [] });
      known.state = 'syncing';
      return json(202, { queued: true });
    }
    const undo = /^\/api\/sync\/mailboxes\/([^/]+)\/undo$/.exec(path);
    if (method === 'POST' && undo) {
      const mailbox = decodeURIComponent(undo[1] as string);
      // As the server: a mailbox still enrolled is refused (its next round would colour it again).
      if (this.mailboxStatuses.some((m) => m.mailbox === mailbox)) return json(409, { code: 'conflict', message: `${mailbox} is enrolled`, details: [] });
      return json(202, { queued: true });
    }
    if (method === 'GET' && path === '/api/directory/users') {
      const q = (url.searchParams.get('q') ?? '').trim().toLowerCase();
      if (!q) return json(400, { code: 'validation_failed', message: 'invalid search text', details: [] });
      const words = (p: ApiDirectoryUser) => `${p.displayName} ${p.address}`.toLowerCase().split(/[^a-z0-9]+/);
      return json(200, { items: this.directory.filter((p) => words(p).some((w) => w.startsWith(q))).slice(0, 10) });
    }
    if (method === 'GET' && path === '/api/directory/groups') {
      const q = url.searchParams.get('q')?.trim().toLowerCase();
      if (q !== undefined) {
        if (!this.me.isAdmin) return json(403, { code: 'forbidden', message: 'admins only', details: [] });
        return json(200, {
          items: this.groups
            .filter((g) =>
              g.displayName
                .toLowerCase()
                .split(/\s+/)
                .some((w) => w.startsWith(q)),
            )
            .slice(0, 10),
        });
      }
      const ids = (url.searchParams.get('ids') ?? '').split(',');
      const readable = (id: string) => this.me.isAdmin || this.me.teams.includes(id);
      return json(200, { items: ids.flatMap((id) => this.groups.find((g) => g.id === id && readable(id)) ?? []) });
    }
    if (method === 'GET' && path === '/api/export') return json(200, { version: 1, scope: url.searchParams.get('scope'), rules: this.rules });
    if (method === 'POST' && path === '/api/import/preview') return this.importFile(req.body, true);
    if (method === 'POST' && path === '/api/import') return this.importFile(req.body, false);
    if (method === 'GET' && path === '/api/rules') {
      const scope = url.searchParams.get('scope');
      return json(200, { scope, items: this.rules.filter((r) => scope === 'effective' || r.scope === scope) });
    }
    if (method === 'POST' && path === '/api/rules') {
      const refused = this.lockedOut((req.body as ApiRule).scope);
      if (refused) return refused;
      this.idSeq += 1;
      const body = req.body as Omit<ApiRule, 'order'> & { order?: number };
      // Like the API: a create without `order` goes last in its scope.
      const order = body.order !== undefined ? body.order : Math.max(-1, ...this.rules.filter((r) => r.scope === body.scope).map((r) => r.order)) + 1;
      const rule = { ...body, order, id: `r_new${this.idSeq}`, etag: `"n${this.idSeq}"` };
      this.rules.push(rule);
      return json(201, rule, { ETag: rule.etag, Location: `/api/rules/${rule.id}` });
    }
    if (method === 'PUT' && path === '/api/rules/order') {
      const { scope, ids } = req.body as { scope: string; ids: string[] };
      const refused = this.lockedOut(scope);
      if (refused) return refused;
      ids.forEach((id, i) => {
        this.rules = this.rules.map((r) => (r.id === id ? { ...r, order: i * 10, etag: `"o${i}-${r.id}"` } : r));
      });
      return json(200, { items: this.rules.filter((r) => r.scope === scope) });
    }
    const m = /^\/api\/rules\/(r_[\w-]+)$/.exec(path);
    if (m) {
      const current = this.rules.find((r) => r.id === m[1]);
      if (!current) return json(404, { code: 'not_found', message: 'rule not found', details: [] });
      const ifMatch = req.headers['If-Match'];
      if (method !== 'GET' && !ifMatch) return json(428, { code: 'precondition_required', message: 'send If-Match', details: [] });
      if (method !== 'GET' && ifMatch !== current.etag) return json(412, { code: 'precondition_failed', message: 'changed', details: [] });
      const refused = method === 'GET' ? null : (this.lockedOut(current.scope) ?? (method === 'PUT' ? this.lockedOut((req.body as ApiRule).scope) : null));
      if (refused) return refused;
      if (method === 'PUT') {
        const next = { ...(req.body as ApiRule), id: current.id, etag: `"${current.id}-v${Date.now() % 100000}${this.requests.length}"` };
        this.rules = this.rules.map((r) => (r.id === current.id ? next : r));
        return json(200, next);
      }
      if (method === 'DELETE') {
        this.rules = this.rules.filter((r) => r.id !== current.id);
        return fakeResponse(204, null);
      }
      return json(200, current);
    }
    return json(404, { code: 'not_found', message: `no route ${method} ${path}`, details: [] });
  }
}

/** A minimal Response: jsdom test environments have no fetch API of their own. */
export function fakeResponse(status: number, text: string | null, headers: Record<string, string> = {}): Response {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    headers: { get: (name: string) => lower.get(name.toLowerCase()) ?? null },
    json: async () => JSON.parse(text ?? ''),
    text: async () => text ?? '',
  } as unknown as Response;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return fakeResponse(status, JSON.stringify(body), { 'Content-Type': 'application/json', ...headers });
}

/**
 * The Rules API client. Every request carries a bearer token from the account module; every failure
 * becomes a CalSyncApiError with a kind (see api-errors.ts). No retries here: the UI decides.
 */
import { CalSyncApiError, kindForStatus, type ApiErrorDetail, type ApiResource } from './api-errors';
import type { ApiRule, ListScope, Me, OrgSettings, PreviewResult, RuleDraft, RuleScope } from './api-types';

export interface ApiClientOptions {
  /** '' for the task pane's own origin. */
  baseUrl: string;
  getAccessToken: () => Promise<string>;
  fetchImpl?: typeof fetch;
  /**
   * Told when the API refuses the token (401): the token the account module holds is no good, so the next
   * one must come from an interactive sign-in rather than from its cache.
   */
  onUnauthorized?: () => void;
}

interface Problem {
  code?: string;
  message?: string;
  details?: ApiErrorDetail[];
}

function retryAfter(res: Response): number | null {
  const v = res.headers.get('Retry-After');
  const n = v === null ? NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

async function problemOf(res: Response): Promise<Problem> {
  try {
    const body = (await res.json()) as Problem;
    return body && typeof body === 'object' ? body : {};
  } catch {
    return {};
  }
}

export class CalSyncApiClient {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchImpl = options.fetchImpl ?? ((...args) => fetch(...args));
  }

  /**
   * One API call. Public so that calls only a lazily loaded view makes (the Admin tab's: admin-api.ts,
   * sync-status-api.ts) live in that view's chunk rather than in the task pane's first load.
   */
  async request<T>(method: string, path: string, resource: ApiResource, init: { body?: unknown; ifMatch?: string } = {}): Promise<T> {
    const token = await this.options.getAccessToken();
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}` };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.ifMatch !== undefined) headers['If-Match'] = init.ifMatch;
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.options.baseUrl}${path}`, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    } catch (err) {
      throw new CalSyncApiError('unreachable', (err as Error)?.message || 'network error', null, null, [], null, resource);
    }
    if (!res.ok) {
      const p = await problemOf(res);
      if (res.status === 401) this.options.onUnauthorized?.();
      throw new CalSyncApiError(
        kindForStatus(res.status),
        p.message || res.statusText || `HTTP ${res.status}`,
        res.status,
        p.code ?? null,
        p.details ?? [],
        retryAfter(res),
        resource,
      );
    }
    if (res.status === 204) return undefined as T;
    try {
      return (await res.json()) as T;
    } catch {
      throw new CalSyncApiError('bad_response', 'the response was not JSON', res.status, null, [], null, resource);
    }
  }

  me(): Promise<Me> {
    return this.request('GET', '/api/me', 'me');
  }

  async listRules(scope: ListScope): Promise<ApiRule[]> {
    const items: ApiRule[] = [];
    let token: string | undefined;
    do {
      const q = new URLSearchParams({ scope });
      if (token) q.set('continuationToken', token);
      const page = await this.request<{ items: ApiRule[]; continuationToken?: string }>('GET', `/api/rules?${q}`, 'rules');
      items.push(...page.items);
      token = page.continuationToken;
    } while (token);
    return items;
  }

  /** Without `order` the server puts the rule last in its scope. */
  createRule(draft: Omit<RuleDraft, 'order'> & { order?: number }): Promise<ApiRule> {
    return this.request('POST', '/api/rules', 'rule', { body: draft });
  }

  /** PUT with If-Match: a rule changed elsewhere answers 412 (kind precondition_failed). */
  updateRule(rule: ApiRule): Promise<ApiRule> {
    const { etag, ...document } = rule;
    return this.request('PUT', `/api/rules/${encodeURIComponent(rule.id)}`, 'rule', { body: document, ifMatch: etag });
  }

  deleteRule(rule: Pick<ApiRule, 'id' | 'etag'>): Promise<void> {
    return this.request('DELETE', `/api/rules/${encodeURIComponent(rule.id)}`, 'rule', { ifMatch: rule.etag });
  }

  async reorderRules(scope: RuleScope, ids: string[]): Promise<ApiRule[]> {
    return (await this.request<{ items: ApiRule[] }>('PUT', '/api/rules/order', 'rules', { body: { scope, ids } })).items;
  }

  async preview(events: unknown[], rules?: RuleDraft[], timeZone?: string): Promise<PreviewResult[]> {
    return (await this.request<{ results: PreviewResult[] }>('POST', '/api/preview', 'preview', { body: { events, rules, timeZone } })).results;
  }

  getSettings(): Promise<OrgSettings> {
    return this.request('GET', '/api/settings', 'settings');
  }

  /** PUT with If-Match: settings saved elsewhere since they were read answer 412. Send the ETag of the last answer. */
  putSettings(settings: OrgSettings): Promise<OrgSettings> {
    const { etag, updatedAt, updatedBy, ...body } = settings;
    void updatedAt;
    void updatedBy;
    return this.request('PUT', '/api/settings', 'settings', { body, ifMatch: etag });
  }
}

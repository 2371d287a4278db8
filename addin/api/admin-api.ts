/**
 * The admin's rule-set calls (docs/API.md: export, import, versions, audit), apart from CalSyncApiClient: only
 * the lazily loaded Admin tab makes them, so they stay out of the task pane's first load (npm run bench:addin),
 * as sync-status-api.ts does for the sync status calls.
 */
import type { ApiImportPreview, ApiRestoreResult, ApiRuleVersionDetail, ApiRuleVersionList } from '../../shared/api-types';
import type { CalSyncApiClient } from './api-client';
import type { AuditPage, RuleScope } from './api-types';

export interface AdminApi {
  exportRules(scope: RuleScope): Promise<unknown>;
  /** What importing the file would add, change and remove in each mode; writes nothing. */
  previewImport(file: unknown): Promise<ApiImportPreview>;
  importRules(file: unknown): Promise<unknown>;
  /** The versions of a rule set kept before each import, reorder and restore, newest first, with the set's ETag now. */
  listVersions(scope: RuleScope): Promise<ApiRuleVersionList>;
  /** One version, with what restoring it would add, change and remove now. */
  getVersion(id: string): Promise<ApiRuleVersionDetail>;
  /** Restores a version; `setEtag` is the set as the admin saw it (412 when it changed since). */
  restoreVersion(id: string, setEtag: string): Promise<ApiRestoreResult>;
  /** One page of the audit log, newest first; pass the page's continuationToken for the next. */
  audit(continuationToken?: string): Promise<AuditPage>;
}

export function adminApi(client: Pick<CalSyncApiClient, 'request'>): AdminApi {
  return {
    exportRules: (scope) => client.request('GET', `/api/export?scope=${scope}`, 'export'),
    previewImport: (file) => client.request('POST', '/api/import/preview', 'import', { body: file }),
    importRules: (file) => client.request('POST', '/api/import', 'import', { body: file }),
    listVersions: (scope) => client.request('GET', `/api/rules/versions?scope=${scope}`, 'versions'),
    getVersion: (id) => client.request('GET', `/api/rules/versions/${encodeURIComponent(id)}`, 'versions'),
    restoreVersion: (id, setEtag) =>
      client.request('POST', `/api/rules/versions/${encodeURIComponent(id)}/restore`, 'versions', { body: {}, ifMatch: setEtag }),
    audit: (continuationToken) => client.request('GET', `/api/audit${continuationToken ? `?${new URLSearchParams({ continuationToken })}` : ''}`, 'audit'),
  };
}

/**
 * The Rules API's JSON shapes, as the add-in reads them. The response types live in shared/api-types.ts,
 * where the server's serialisers return them too: the two ends cannot drift apart unnoticed.
 */
import type { ApiAuditEntry, ApiAuditPage, ApiMe, ApiPreviewMatch, ApiPreviewResult, ApiRule, ApiSettings } from '../../shared/api-types';
import type { Rule, RuleDraft, RuleScope } from '../../shared/schema';

export type { ApiRule };

export type ListScope = RuleScope | 'effective';

export type Me = ApiMe;

/**
 * Settings as the pane holds them: what GET returns, with the ETag for the next PUT. The ETag and the
 * bookkeeping fields are optional because the defaults (before the first load) have none.
 */
export type OrgSettings = Omit<ApiSettings, 'etag' | 'updatedAt' | 'updatedBy'> & Partial<Pick<ApiSettings, 'etag' | 'updatedAt' | 'updatedBy'>>;

export type PreviewMatch = ApiPreviewMatch;
export type PreviewResult = ApiPreviewResult;
export type AuditEntry = ApiAuditEntry;
export type AuditPage = ApiAuditPage;

export type { Rule, RuleDraft, RuleScope };

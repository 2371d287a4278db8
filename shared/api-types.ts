/**
 * The Rules API's response bodies, as one set of types for both ends: the server's serialisers return
 * them and the add-in reads them, so a renamed field fails the type check instead of showing blanks.
 * Types only (browser-safe): no runtime code, nothing from the server.
 */
import type { RuleMatch } from './engine';
import type { Rule, RuleScope } from './schema';

/** Every rule in a response carries its ETag, for If-Match on PUT and DELETE. */
export type ApiRule = Rule & { etag: string };

/** GET /api/rules. */
export interface ApiRulePage {
  scope: RuleScope | 'effective';
  items: ApiRule[];
  continuationToken?: string;
}

/** GET /api/me. */
export interface ApiMe {
  tenantId: string;
  userId: string;
  isAdmin: boolean;
  /** The organisation's plan: seats bought and the day the term ends (the term is the days before it). */
  plan: { seats: number; termEnd: string };
  /** Present from termEnd on: renew before `lastGraceDay`, after which mailboxes are no longer coloured. */
  renewal?: ApiRenewalNotice;
  /**
   * The caller's groups among those the tenant's enabled org rules are scoped to (`appliesTo`), so the pane's own
   * preview picks the team rules the server does; empty without team rules.
   */
  teams: string[];
}

export interface ApiRenewalNotice {
  /** `grace`: everything still works until lastGraceDay; `lapsed`: the sync has stopped colouring. */
  state: 'grace' | 'lapsed';
  termEnd: string;
  lastGraceDay: string;
  message: string;
}

/** GET and PUT /api/settings; `etag` goes back as If-Match on the next PUT. */
export interface ApiSettings {
  internalDomains: string[];
  enrolledMailboxes: 'all' | string[];
  /** Entra group ids: their members with a mailbox are enrolled beside `enrolledMailboxes` (the union). */
  enrolledGroups: string[];
  syncWindowDays: { past: number; future: number };
  orgRulesLocked: boolean;
  /** `enforce`: the sync restores an org category's colour a person changed, or the category they deleted; `allow`: it only reports. */
  categoryPolicy: 'enforce' | 'allow';
  etag: string;
  updatedAt: string | null;
  updatedBy: string | null;
}

export type ApiAuditAction = 'create' | 'update' | 'delete' | 'reorder' | 'import' | 'restore' | 'settings' | 'tenant';

/** One entry of GET /api/audit, newest first. */
export interface ApiAuditEntry {
  id: string;
  at: string;
  /** The user id (object id) of whoever made the change. */
  actorId: string;
  /** Their display name when they made the change; absent on older entries. */
  actorName?: string;
  action: ApiAuditAction;
  /** The rule's name (after the change, or before a delete); absent for reorder, import and settings. */
  ruleName?: string;
  scope: RuleScope | 'settings' | 'tenant';
  ownerId: string | null;
  ruleId: string | null;
  before: unknown;
  after: unknown;
}

export interface ApiAuditPage {
  items: ApiAuditEntry[];
  continuationToken?: string;
}

/** One matching rule of a preview result: exactly the engine's match (rule, category, colour, why). */
export type ApiPreviewMatch = RuleMatch;

/** One event of POST /api/preview's `results`. */
export interface ApiPreviewResult {
  eventId: string;
  categories: string[];
  matches: ApiPreviewMatch[];
}

/** What an import would do to the rule set, by rule name (names are what an admin recognises; ids are not). */
export interface ApiImportDiff {
  added: string[];
  changed: string[];
  removed: string[];
  /** Rules the file lists exactly as they are now. */
  unchanged: number;
}

/** POST /api/import/preview: the same file checked as an import would check it, and what each mode would do; nothing is written. */
export interface ApiImportPreview {
  scope: RuleScope;
  merge: ApiImportDiff;
  replace: ApiImportDiff;
}

/** Why a rule-set version was kept: the bulk change that was about to happen. */
export type ApiRuleVersionReason =
  { kind: 'import'; mode: 'replace' | 'merge'; fileName: string | null } | { kind: 'reorder' } | { kind: 'restore'; versionId: string };

/** One version of GET /api/rules/versions: the set as it was just before a bulk change, without its rules. */
export interface ApiRuleVersion {
  id: string;
  at: string;
  actorId: string;
  scope: RuleScope;
  reason: ApiRuleVersionReason;
  ruleCount: number;
  names: string[];
}

/** GET /api/rules/versions; `setEtag` is the set as it is now, sent back as If-Match on a restore. */
export interface ApiRuleVersionList {
  scope: RuleScope;
  setEtag: string;
  items: ApiRuleVersion[];
}

/** GET /api/rules/versions/:id: the version, its rules, and what restoring it would do to the set as it is now. */
export interface ApiRuleVersionDetail {
  version: ApiRuleVersion;
  rules: Rule[];
  diff: ApiImportDiff;
  setEtag: string;
}

/** POST /api/rules/versions/:id/restore. `keptVersionId` holds the set the restore replaced (a restore can be undone). */
export interface ApiRestoreResult {
  scope: RuleScope;
  versionId: string;
  keptVersionId: string;
  diff: ApiImportDiff;
  rules: ApiRule[];
  setEtag: string;
}

/** An Entra group (`GET /api/directory/groups`): a team an org rule can be for, or a group to enrol. */
export interface ApiDirectoryGroup {
  /** The group's object id, lower-case: what `appliesTo.groups` and `enrolledGroups` hold. */
  id: string;
  displayName: string;
}

/** A person the directory search found (`GET /api/directory/users`). */
export interface ApiDirectoryUser {
  displayName: string;
  /** The address to enrol (mail, else the user principal name), lower-case. */
  address: string;
}

/**
 * One enrolled mailbox's sync, as `GET /api/sync/mailboxes` reports it. `state`: 'never' = no round has
 * finished yet; 'syncing' = a worker holds the mailbox now; 'failing' = the last round did not finish its work.
 */
export interface ApiMailboxStatus {
  mailbox: string;
  state: 'never' | 'syncing' | 'ok' | 'failing';
  /** When the last round ended (ISO), whatever its outcome. */
  lastRoundAt: string | null;
  /** When the last round that finished all its work ended (ISO). */
  lastSuccessAt: string | null;
  /** Events carrying a CalSync category after the last round. */
  eventsColoured: number | null;
  /** The last round's failure in words; null when it succeeded. */
  lastError: string | null;
}

/** One org category off the scheme in some enrolled mailboxes (`GET /api/sync/drift`, issue #16). */
export interface ApiCategoryDrift {
  category: string;
  /** The scheme's colour (preset id). */
  expected: string;
  /** Mailboxes where it shows in another colour, by that colour (preset id → mailboxes), most used first. */
  recoloured: Array<{ color: string; mailboxes: number }>;
  /** Mailboxes where it is gone. */
  missing: number;
}

export interface ApiDriftReport {
  /** What the sync does with drift: restore the scheme's colour (enforce) or leave the person's (allow). */
  policy: 'enforce' | 'allow';
  /** Enrolled mailboxes whose master list a round has checked (each is checked once a day). */
  checkedMailboxes: number;
  /** By category name. */
  items: ApiCategoryDrift[];
}

/** The Admin tab's status line (`GET /api/sync/summary`). */
export interface ApiSyncSummary {
  enrolled: number;
  syncing: number;
  failing: number;
  /** The newest org rule or settings change (ISO); null when there was none. */
  lastChangeAt: string | null;
  /** When that change had reached every enrolled mailbox (the last of their rounds after it); null while pending. */
  lastChangeAppliedAt: string | null;
  /** Enrolment 'all' past the plan's seats: only the first `seats` mailboxes by address are synced. */
  overSeats?: { seats: number; directoryMailboxes: number } | null;
}

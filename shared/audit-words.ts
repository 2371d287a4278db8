/**
 * An audit entry as a person reads it: who (their name), did what to which rule, and what changed, before → after,
 * in the vocabulary's words. The pane's audit list renders these; the API keeps the raw documents.
 */
import type { ApiAuditEntry } from './api-types';
import { colourName, describeCondition, type ClockWords } from './outlook-words';
import type { Condition } from './schema';

export interface AuditChange {
  /** What changed, e.g. "Colour". */
  what: string;
  /** Absent for a created or deleted rule: only one side exists. */
  before?: string;
  after?: string;
}

export interface AuditWords {
  /** "Ada Admin", or the id shortened for entries written before names were kept. */
  actor: string;
  /** "changed the rule “External”". */
  summary: string;
  changes: AuditChange[];
}

interface RuleDoc {
  name?: string;
  enabled?: boolean;
  appliesTo?: { groups?: string[] };
  when?: Condition;
  then?: { category?: string; color?: string; stop?: boolean };
}

const SCOPE_WORDS: Record<string, string> = { org: 'organisation', personal: 'personal', settings: 'settings' };

const onOff = (v: unknown) => (v === false ? 'Off' : 'On');
const quoted = (s: string | undefined) => `“${s ?? ''}”`;
const listWords = (v: unknown) => (Array.isArray(v) ? (v.length === 0 ? 'none' : v.join(', ')) : v === 'all' ? 'all mailboxes' : String(v ?? 'none'));

const countWords = (v: unknown, noun: string) => (Array.isArray(v) && v.length > 0 ? `${v.length} ${noun}${v.length === 1 ? '' : 's'}` : 'none');
const audienceWords = (groups: string[] | undefined) =>
  !groups || groups.length === 0 ? 'Everyone' : groups.length === 1 ? 'Members of 1 group' : `Members of ${groups.length} groups`;

/** The rule's parts a person recognises, in words; order is left out (a reorder entry says it). */
function ruleParts(doc: RuleDoc, clock?: ClockWords): Record<string, string> {
  return {
    Name: doc.name ?? '',
    Enabled: onOff(doc.enabled),
    // Group names are the directory's, not the entry's; the count says the audience changed without raw ids.
    For: audienceWords(doc.appliesTo?.groups),
    Conditions: doc.when ? describeCondition(doc.when, clock) : '',
    Category: doc.then?.category ?? '',
    Colour: colourName(doc.then?.color ?? ''),
    'Later rules': doc.then?.stop ? 'Skipped' : 'Still run',
  };
}

function settingsParts(doc: Record<string, unknown> | null): Record<string, string> {
  const window = doc?.syncWindowDays as { past?: number; future?: number } | undefined;
  return {
    'Internal domains': listWords(doc?.internalDomains),
    'Mailboxes kept in sync': listWords(doc?.enrolledMailboxes),
    'Groups kept in sync': countWords(doc?.enrolledGroups, 'group'),
    'Days kept in sync': window ? `${window.past ?? 0} back, ${window.future ?? 0} ahead` : 'none',
    'Organisation rules locked': doc?.orgRulesLocked === true ? 'Yes' : 'No',
    'Colours changed in a mailbox': doc?.categoryPolicy === 'allow' ? 'Kept' : 'Restored',
  };
}

/** The parts that differ; a side that does not exist (a create's before) is left out. */
function diff(before: Record<string, string> | null, after: Record<string, string> | null): AuditChange[] {
  const keys = Object.keys(after ?? before ?? {});
  return keys
    .filter((k) => before?.[k] !== after?.[k])
    .map((k) => ({ what: k, ...(before ? { before: before[k] ?? '' } : {}), ...(after ? { after: after[k] ?? '' } : {}) }));
}

/** The actor as people know them: the name kept with the entry, else "User 721ae83c" (the id, shortened). */
export function actorWords(entry: Pick<ApiAuditEntry, 'actorName' | 'actorId'>): string {
  return entry.actorName?.trim() || `User ${entry.actorId.slice(0, 8)}`;
}

/** `clock` writes times of day in the reader's language (conditions on the start time). */
export function auditWords(entry: ApiAuditEntry, clock?: ClockWords): AuditWords {
  const actor = actorWords(entry);
  const rules = `the ${SCOPE_WORDS[entry.scope] ?? ''} rules`.replace('  ', ' ');
  const before = entry.before as RuleDoc | null;
  const after = entry.after as RuleDoc | null;
  const rule = quoted(entry.ruleName ?? after?.name ?? before?.name);
  switch (entry.action) {
    case 'create':
      return { actor, summary: `created the rule ${rule}`, changes: diff(null, ruleParts(after ?? {}, clock)) };
    case 'update':
      return { actor, summary: `changed the rule ${rule}`, changes: diff(ruleParts(before ?? {}, clock), ruleParts(after ?? {}, clock)) };
    case 'delete':
      return { actor, summary: `deleted the rule ${rule}`, changes: diff(ruleParts(before ?? {}, clock), null) };
    case 'reorder':
      return { actor, summary: `changed the order of ${rules}`, changes: [] };
    case 'import': {
      const r = (entry.after ?? {}) as { mode?: string; created?: number; replaced?: number; deleted?: number };
      const how = r.mode === 'replace' ? 'replaced' : 'merged into';
      return {
        actor,
        summary: `imported a file that ${how} ${rules}: ${r.created ?? 0} added, ${r.replaced ?? 0} changed, ${r.deleted ?? 0} deleted`,
        changes: [],
      };
    }
    case 'restore': {
      // after: the version restored and importDiff's rule names (server/services/rule-versions.ts).
      const r = (entry.after ?? {}) as { added?: string[]; changed?: string[]; removed?: string[] };
      const names = (list: string[] | undefined) => (list && list.length > 0 ? list.join(', ') : '');
      const changes = [
        { what: 'Added back', after: names(r.added) },
        { what: 'Changed back', after: names(r.changed) },
        { what: 'Deleted', after: names(r.removed) },
      ].filter((c) => c.after !== '');
      return { actor, summary: `restored an earlier version of ${rules}`, changes };
    }
    case 'settings':
      return {
        actor,
        summary: 'changed the settings',
        changes: diff(settingsParts(entry.before as Record<string, unknown> | null), settingsParts(entry.after as Record<string, unknown> | null)),
      };
    default:
      return { actor, summary: 'made a change', changes: [] };
  }
}

/**
 * How an import file meets the rule set it lands in. One copy of this matching serves the import itself and
 * its preview, so the preview names exactly what the import then does.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseRuleList, type Rule, type RuleDraft, type RuleScope } from '../../shared';
import type { ApiImportDiff } from '../../shared/api-types';
import { badRequest, type ErrorDetail } from '../domain/errors';
import { issuesToDetails, parseBody, withoutEtag } from './request-bodies';
import { ImportSchema, MAX_ORDER } from './rule-documents';

export type ImportMode = 'replace' | 'merge';

export interface ImportFile {
  scope: RuleScope;
  mode: ImportMode;
  drafts: RuleDraft[];
  /** Per rule of the file: whether it states its `order` (the schema defaults a missing one to 0). */
  ordered: boolean[];
  /** The file's name as the client picked it (versions say "before import of …"); null when not sent. */
  fileName: string | null;
}

/** The whole file checked before anything is written: its shape, every rule, one scope, no id twice. */
export function parseImportFile(body: unknown): ImportFile {
  const file = parseBody(ImportSchema, body, 'import file');
  const { scope, mode } = file;
  const parsed = parseRuleList(file.rules.map(withoutEtag));
  if (!parsed.ok) throw badRequest('the import file has invalid rules; nothing was imported', issuesToDetails(parsed.issues, 'rules'));
  const drafts = parsed.value;
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  drafts.forEach((d, i) => {
    if (d.scope !== scope) problems.push({ path: `rules[${i}].scope`, message: `must be "${scope}" like the file` });
    if (d.id !== undefined) {
      if (seen.has(d.id)) problems.push({ path: `rules[${i}].id`, message: `"${d.id}" appears twice in the file` });
      seen.add(d.id);
    }
  });
  if (problems.length > 0) throw badRequest('the import file is inconsistent; nothing was imported', problems);
  const ordered = file.rules.map((r) => typeof r === 'object' && r !== null && 'order' in r);
  return { scope, mode, drafts, ordered, fileName: file.fileName ?? null };
}

/**
 * The file's rules with an `order` for each that does not state one, like a new rule from the pane gets: in
 * file order, after every rule that stays (merge: the whole set; replace: the file's rules that state an
 * order). Under merge, a rule that replaces one of the set keeps that rule's place.
 */
export function placeImported<T extends Rule>(current: readonly T[], file: Pick<ImportFile, 'drafts' | 'ordered'>, mode: ImportMode): RuleDraft[] {
  const byId = new Map(current.map((r) => [r.id, r]));
  const staying = [...(mode === 'merge' ? current.map((r) => r.order) : []), ...file.drafts.filter((_, i) => file.ordered[i]).map((d) => d.order)];
  let next = staying.reduce((m, o) => Math.max(m, o + 1), 0);
  return file.drafts.map((d, i) => {
    if (file.ordered[i]) return d;
    const existing = mode === 'merge' && d.id !== undefined ? byId.get(d.id) : undefined;
    if (existing) return { ...d, order: existing.order };
    const order = Math.min(MAX_ORDER, next);
    next += 1;
    return { ...d, order };
  });
}

export interface ImportMatch<T extends Rule> {
  /** Each rule of the file with the rule of the set it replaces (a file id names a rule only within this very set). */
  pairs: Array<{ draft: RuleDraft; existing: T | undefined }>;
  /** The set's rules the file leaves out: deleted by `replace`, kept by `merge`. */
  leftOut: T[];
}

export function matchImport<T extends Rule>(current: readonly T[], drafts: readonly RuleDraft[]): ImportMatch<T> {
  const byId = new Map(current.map((r) => [r.id, r]));
  const pairs = drafts.map((draft) => ({ draft, existing: draft.id === undefined ? undefined : byId.get(draft.id) }));
  const kept = new Set(pairs.flatMap((p) => (p.existing ? [p.existing.id] : [])));
  return { pairs, leftOut: current.filter((r) => !kept.has(r.id)) };
}

/** Whether a rule of the set already reads exactly like a rule of a file (or of a version). */
export const sameRule = (a: Rule, b: RuleDraft) =>
  isDeepStrictEqual([a.name, a.enabled, a.order, a.when, a.then], [b.name, b.enabled, b.order, b.when, b.then]);

export function importDiff<T extends Rule>(match: ImportMatch<T>, mode: ImportMode): ApiImportDiff {
  const diff: ApiImportDiff = { added: [], changed: [], removed: [], unchanged: 0 };
  for (const { draft, existing } of match.pairs) {
    if (!existing) diff.added.push(draft.name);
    else if (sameRule(existing, draft)) diff.unchanged += 1;
    else diff.changed.push(draft.name);
  }
  if (mode === 'replace') diff.removed = match.leftOut.map((r) => r.name);
  return diff;
}

/**
 * How an import file meets the rule set it lands in. One copy of this matching serves the import itself and
 * its preview, so the preview names exactly what the import then does.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseRuleList, type Rule, type RuleDraft, type RuleScope } from '../../shared';
import type { ApiImportDiff } from '../../shared/api-types';
import { badRequest, type ProblemDetail } from '../http/errors';
import { issuesToDetails, parseBody, withoutEtag } from './request-bodies';
import { ImportSchema } from './rule-documents';

export type ImportMode = 'replace' | 'merge';

export interface ImportFile {
  scope: RuleScope;
  mode: ImportMode;
  drafts: RuleDraft[];
}

/** The whole file checked before anything is written: its shape, every rule, one scope, no id twice. */
export function parseImportFile(body: unknown): ImportFile {
  const file = parseBody(ImportSchema, body, 'import file');
  const { scope, mode } = file;
  const parsed = parseRuleList(file.rules.map(withoutEtag));
  if (!parsed.ok) throw badRequest('the import file has invalid rules; nothing was imported', issuesToDetails(parsed.issues, 'rules'));
  const drafts = parsed.value;
  const problems: ProblemDetail[] = [];
  const seen = new Set<string>();
  drafts.forEach((d, i) => {
    if (d.scope !== scope) problems.push({ path: `rules[${i}].scope`, message: `must be "${scope}" like the file` });
    if (d.id !== undefined) {
      if (seen.has(d.id)) problems.push({ path: `rules[${i}].id`, message: `"${d.id}" appears twice in the file` });
      seen.add(d.id);
    }
  });
  if (problems.length > 0) throw badRequest('the import file is inconsistent; nothing was imported', problems);
  return { scope, mode, drafts };
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

const sameRule = (a: Rule, b: RuleDraft) =>
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

/**
 * Validates the editor's form with the shared validator. Its own module because the validator brings zod,
 * which the pane loads only when someone opens the editor.
 */
import type { RuleIssue } from '../../../shared/errors';
import type { RuleDraft } from '../../../shared/schema';
import { parseRuleDraft } from '../../../shared/validate';
import { describeIssue } from './issue-words';
import { draftFromForm, type RuleForm } from './rule-form';

/** Issues carry the editor's wording (issue-words.ts), not the validator's. */
export type FormCheck = { ok: true; draft: RuleDraft } | { ok: false; issues: RuleIssue[] };

/** The value at a validator path such as `when.all[0].value` or `then.category`. */
function valueAt(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const seg of path.match(/[^.[\]]+/g) ?? []) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

export function checkForm(form: RuleForm): FormCheck {
  const doc = draftFromForm(form);
  const result = parseRuleDraft(doc);
  if (result.ok) return { ok: true, draft: result.value };
  return { ok: false, issues: result.issues.map((issue) => ({ ...issue, message: describeIssue(issue, (path) => valueAt(doc, path)) })) };
}

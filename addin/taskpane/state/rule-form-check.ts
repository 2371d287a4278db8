/**
 * Validates the editor's form with the shared validator. Its own module because the validator brings zod,
 * which the pane loads only when someone opens the editor.
 */
import type { RuleIssue } from '../../../shared/errors';
import type { RuleDraft } from '../../../shared/schema';
import { parseRuleDraft } from '../../../shared/validate';
import { draftFromForm, type RuleForm } from './rule-form';

export type FormCheck = { ok: true; draft: RuleDraft } | { ok: false; issues: RuleIssue[] };

export function checkForm(form: RuleForm): FormCheck {
  const result = parseRuleDraft(draftFromForm(form));
  return result.ok ? { ok: true, draft: result.value } : { ok: false, issues: result.issues };
}

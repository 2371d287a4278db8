/**
 * The rule editor's form state and its conversion to a rule draft checked by the shared validator. Only the
 * editor's side needs it: the rules tab imports it with the editor (import()), so it and condition-draft.ts
 * stay out of the task pane's first load (npm run bench:addin).
 */
import type { PresetId } from '../../../shared/colors';
import type { AppliesTo, Rule, RuleScope } from '../../../shared/schema';
import type { ExampleRule } from '../example-rules';
import { newGroup, rootGroupOf, toCondition, type DraftGroup } from './condition-draft';

export interface RuleForm {
  /** The saved rule's id, when editing one. */
  id?: string;
  name: string;
  scope: RuleScope;
  enabled: boolean;
  /** A saved rule's place; a new rule has none until the server puts it last in its scope. */
  order: number;
  /** An org rule's teams ("Some teams"); absent for a rule for everyone, and for personal rules. */
  appliesTo?: AppliesTo;
  root: DraftGroup;
  category: string;
  color: PresetId;
  stop: boolean;
}

export function emptyForm(scope: RuleScope): RuleForm {
  return { name: '', scope, enabled: true, order: 0, root: newGroup('all'), category: '', color: 'preset7', stop: false };
}

/** An example rule (offered when there are none), unsaved, as a personal rule. */
export function formFromExample(example: ExampleRule): RuleForm {
  return { ...emptyForm('personal'), name: example.name, root: rootGroupOf(example.when), category: example.category, color: example.color };
}

export function formFromRule(rule: Rule): RuleForm {
  return {
    id: rule.id,
    name: rule.name,
    scope: rule.scope,
    enabled: rule.enabled,
    order: rule.order,
    ...(rule.appliesTo ? { appliesTo: rule.appliesTo } : {}),
    root: rootGroupOf(rule.when),
    category: rule.then.category,
    color: rule.then.color,
    stop: rule.then.stop,
  };
}

export function draftFromForm(form: RuleForm): unknown {
  return {
    ...(form.id ? { id: form.id } : {}),
    name: form.name,
    scope: form.scope,
    enabled: form.enabled,
    order: form.order,
    ...(form.appliesTo ? { appliesTo: form.appliesTo } : {}),
    when: toCondition(form.root),
    then: { category: form.category, color: form.color, stop: form.stop },
  };
}

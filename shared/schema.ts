/**
 * zod schemas for the rule document: the single source of the rule types. Structure is checked by zod;
 * what depends on the field (operators, value shapes, regexes) is checked by `checkPredicate` so every
 * refusal carries a stable code and the path of the offending value.
 */
import { z } from 'zod';
import { RE2JS } from 're2js';
import { PRESET_IDS } from './colors';
import { FIELDS, OPS_BY_TYPE, isFieldName } from './fields';
import { RULE_LIMITS } from './limits';
import type { RuleIssueCode } from './errors';
import { nameProblem, normalizeName } from './names';
import { GUID } from './guid';

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

type Ctx = z.core.$RefinementCtx<unknown>;

function flag(ctx: Ctx, path: PropertyKey[], code: RuleIssueCode, message: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { code } });
}

const scalarValue = z.union([z.string(), z.number(), z.boolean()]);
const PredicateShape = z.strictObject({
  field: z.string(),
  op: z.string(),
  value: z.union([scalarValue, z.array(scalarValue)]),
  caseSensitive: z.boolean().optional(),
});

function isString(v: unknown): v is string {
  return typeof v === 'string';
}

function checkStringList(v: unknown, ctx: Ctx, check?: (s: string, i: number) => void): void {
  if (!Array.isArray(v) || v.length === 0 || !v.every(isString)) {
    flag(ctx, ['value'], 'value_type', 'expected a non-empty list of strings');
    return;
  }
  if (v.length > RULE_LIMITS.listValueMaxItems) {
    flag(ctx, ['value'], 'invalid_value', `at most ${RULE_LIMITS.listValueMaxItems} values`);
    return;
  }
  v.forEach((s, i) => {
    if (s.length > RULE_LIMITS.textValueMaxLength) flag(ctx, ['value', i], 'invalid_value', `at most ${RULE_LIMITS.textValueMaxLength} characters`);
    else check?.(s, i);
  });
}

function checkRegex(pattern: string, ctx: Ctx): void {
  if (pattern.length > RULE_LIMITS.regexMaxLength) {
    flag(ctx, ['value'], 'regex_too_long', `a pattern has at most ${RULE_LIMITS.regexMaxLength} characters`);
    return;
  }
  let size: number;
  try {
    size = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE).programSize();
  } catch (err) {
    flag(ctx, ['value'], 'regex_invalid', `not a valid RE2 pattern: ${(err as Error).message}`);
    return;
  }
  // Counted repeats make a short pattern a large program, and every event's text runs through it (issue #12).
  if (size > RULE_LIMITS.regexMaxProgramSize) {
    flag(
      ctx,
      ['value'],
      'regex_too_complex',
      `the pattern compiles to ${size} RE2 instructions; at most ${RULE_LIMITS.regexMaxProgramSize} (use smaller repeat counts)`,
    );
  }
}

function checkTimes(v: unknown, count: 1 | 2, ctx: Ctx): void {
  const values = count === 1 ? [v] : v;
  if (!Array.isArray(values) || values.length !== count || !values.every((t) => isString(t) && TIME_OF_DAY.test(t))) {
    flag(ctx, ['value'], 'time_format', count === 1 ? 'expected a time "HH:mm"' : 'expected two times ["HH:mm", "HH:mm"]');
  }
}

/** The field-dependent checks: the field exists, the operator fits its type, the value fits the operator. */
function checkPredicate(p: z.infer<typeof PredicateShape>, ctx: Ctx): void {
  if (!isFieldName(p.field)) {
    flag(ctx, ['field'], 'field_unknown', `unknown field "${p.field.slice(0, 60)}"`);
    return;
  }
  const spec = FIELDS[p.field];
  const ops = OPS_BY_TYPE[spec.type];
  if (!ops.includes(p.op)) {
    flag(ctx, ['op'], 'op_unsupported', `"${p.op.slice(0, 40)}" does not fit ${spec.type} field ${p.field}; use one of ${ops.join(', ')}`);
    return;
  }
  if (p.caseSensitive !== undefined && spec.type !== 'text' && spec.type !== 'list') {
    // Only text has a case; accepting the flag elsewhere would suggest it changes something.
    flag(ctx, ['caseSensitive'], 'case_sensitive_unsupported', `caseSensitive applies to text and list fields only, not ${spec.type} field ${p.field}`);
  }
  const v = p.value;
  switch (spec.type) {
    case 'text':
    case 'list':
      if (p.op === 'in' || p.op === 'notIn') return checkStringList(v, ctx);
      if (!isString(v)) return flag(ctx, ['value'], 'value_type', 'expected a string');
      if (p.op === 'matches') return checkRegex(v, ctx);
      if (v.length > RULE_LIMITS.textValueMaxLength) flag(ctx, ['value'], 'invalid_value', `at most ${RULE_LIMITS.textValueMaxLength} characters`);
      return;
    case 'number':
      if (p.op === 'between') {
        if (!Array.isArray(v) || v.length !== 2 || !v.every((n) => typeof n === 'number' && Number.isFinite(n))) {
          return flag(ctx, ['value'], 'value_type', 'expected two numbers [min, max]');
        }
        if ((v[0] as number) > (v[1] as number)) flag(ctx, ['value'], 'range_order', 'min is greater than max');
        return;
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) flag(ctx, ['value'], 'value_type', 'expected a number');
      return;
    case 'boolean':
      if (typeof v !== 'boolean') flag(ctx, ['value'], 'value_type', 'expected true or false');
      return;
    case 'enum': {
      const allowed = spec.values as readonly string[];
      const checkMember = (s: string, i?: number) => {
        if (!allowed.includes(s))
          flag(ctx, i === undefined ? ['value'] : ['value', i], 'enum_value', `"${s.slice(0, 40)}" is not one of ${allowed.join(', ')}`);
      };
      if (p.op === 'in') return checkStringList(v, ctx, checkMember);
      if (!isString(v)) return flag(ctx, ['value'], 'value_type', 'expected a string');
      return checkMember(v);
    }
    case 'time':
      return checkTimes(v, p.op === 'between' ? 2 : 1, ctx);
  }
}

export const PredicateSchema = PredicateShape.superRefine(checkPredicate);
export type Predicate = z.infer<typeof PredicateSchema>;

// Recursive through getters (zod 4), so the Condition type is inferred from the schema, not written beside it.
const AllSchema = z.strictObject({
  get all(): z.ZodArray<typeof ConditionSchema> {
    return z.array(ConditionSchema);
  },
});
const AnySchema = z.strictObject({
  get any(): z.ZodArray<typeof ConditionSchema> {
    return z.array(ConditionSchema);
  },
});
const NotSchema = z.strictObject({
  get not(): typeof ConditionSchema {
    return ConditionSchema;
  },
});
export const ConditionSchema = z.union([AllSchema, AnySchema, NotSchema, PredicateSchema]);
export type Condition = z.infer<typeof ConditionSchema>;

/** Which union branch a condition object meant, by its keys; used to report that branch's problems only. */
export function conditionBranch(value: unknown): 0 | 1 | 2 | 3 {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if ('all' in value) return 0;
    if ('any' in value) return 1;
    if ('not' in value) return 2;
  }
  return 3;
}

export const RuleActionSchema = z.strictObject({
  category: z
    .string()
    .min(1)
    .max(RULE_LIMITS.categoryMaxLength)
    .superRefine((s, ctx) => {
      const problem = nameProblem(s, 'a category name');
      if (s.includes(',')) flag(ctx, [], 'category_comma', 'a category name cannot contain a comma');
      else if (problem) flag(ctx, [], problem.kind === 'character' ? 'category_character' : 'category_length', problem.message);
    })
    .transform(normalizeName),
  color: z.enum(PRESET_IDS, { error: 'expected an Outlook colour preset, preset0 to preset24' }),
  stop: z.boolean().default(false),
});

export const RULE_ID = /^r_[A-Za-z0-9_-]{1,64}$/;

/**
 * Who an org rule is for: the members (transitive) of any of these Entra groups. Absent, the rule is for everyone.
 * Ids are stored lower-cased and once each, so two spellings of one group compare equal.
 */
export const AppliesToSchema = z.strictObject({
  groups: z
    .array(z.string())
    .superRefine((ids, ctx) => {
      if (ids.length === 0) flag(ctx, [], 'group_id', 'name at least one group, or leave appliesTo out for everyone');
      else if (ids.length > RULE_LIMITS.appliesToMaxGroups)
        flag(ctx, [], 'too_many_groups', `a rule applies to at most ${RULE_LIMITS.appliesToMaxGroups} groups`);
      else ids.forEach((id, i) => GUID.test(id) || flag(ctx, [i], 'group_id', 'expected an Entra group object id (a GUID)'));
    })
    .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
});
export type AppliesTo = z.infer<typeof AppliesToSchema>;

export const RuleSchema = z.strictObject({
  id: z.string().regex(RULE_ID),
  name: z
    .string()
    .max(RULE_LIMITS.nameMaxLength)
    .superRefine((s, ctx) => {
      const problem = nameProblem(s, 'a rule name');
      if (problem)
        flag(ctx, [], problem.kind === 'character' ? 'name_character' : 'name_length', problem.kind === 'character' ? problem.message : 'a name is required');
    })
    .transform(normalizeName),
  scope: z.enum(['org', 'personal']),
  enabled: z.boolean().default(true),
  order: z.number().int().min(0).max(1_000_000).default(0),
  /** Org rules only (a personal rule is its owner's alone); validate.ts refuses it on a personal rule. */
  appliesTo: AppliesToSchema.optional(),
  when: ConditionSchema,
  then: RuleActionSchema,
});

/** A rule as a client submits it: the server assigns the id. */
export const RuleDraftSchema = RuleSchema.extend({ id: z.string().regex(RULE_ID).optional() });

export type Rule = z.infer<typeof RuleSchema>;
export type RuleInput = z.input<typeof RuleSchema>;
export type RuleDraft = z.infer<typeof RuleDraftSchema>;
export type RuleAction = z.infer<typeof RuleActionSchema>;
export type RuleScope = Rule['scope'];

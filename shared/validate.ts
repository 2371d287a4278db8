/**
 * Turns any JSON into a valid rule or a list of issues, each with a path and a stable code. The shape of
 * the condition tree is measured before zod sees it, so hostile depth cannot exhaust the stack.
 */
import type { z } from 'zod';
import { RULE_LIMITS } from './limits';
import { formatPath, RuleValidationError, type RuleIssue, type RuleIssueCode } from './errors';
import { conditionBranch, RuleDraftSchema, RuleSchema, type Rule, type RuleDraft } from './schema';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: RuleIssue[] };

/**
 * Walks the condition tree without recursion; reports the first node that is too deep, or more than the limit of
 * condition nodes. Every node counts (all/any/not groups and predicates alike), so empty groups cannot pile up.
 */
export function measureCondition(when: unknown, basePath: PropertyKey[] = ['when']): RuleIssue[] {
  const stack: Array<{ node: unknown; depth: number; path: PropertyKey[] }> = [{ node: when, depth: 1, path: basePath }];
  let nodes = 0;
  const tooMany = (): RuleIssue[] => [
    { path: formatPath(basePath), code: 'too_many_conditions', message: `a rule has at most ${RULE_LIMITS.maxConditions} conditions (groups count)` },
  ];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (depth > RULE_LIMITS.maxDepth) {
      return [{ path: formatPath(path), code: 'nesting_too_deep', message: `conditions nest at most ${RULE_LIMITS.maxDepth} deep` }];
    }
    nodes += 1;
    if (nodes > RULE_LIMITS.maxConditions) return tooMany();
    if (!node || typeof node !== 'object' || Array.isArray(node)) continue;
    const obj = node as Record<string, unknown>;
    const children = Array.isArray(obj.all) ? obj.all : Array.isArray(obj.any) ? obj.any : undefined;
    if (children) {
      // Never push a hostile million-element list: it is over the limit by its length alone.
      if (nodes + children.length > RULE_LIMITS.maxConditions) return tooMany();
      const key = Array.isArray(obj.all) ? 'all' : 'any';
      children.forEach((child, i) => stack.push({ node: child, depth: depth + 1, path: [...path, key, i] }));
    } else if ('not' in obj) {
      stack.push({ node: obj.not, depth: depth + 1, path: [...path, 'not'] });
    }
  }
  return [];
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, seg) ? (cur as Record<PropertyKey, unknown>)[seg] : undefined;
  }
  return cur;
}

const CONDITION_KEYS = ['all', 'any', 'not', 'field', 'op', 'value'];

function looksLikeCondition(value: unknown): value is object {
  return !!value && typeof value === 'object' && !Array.isArray(value) && CONDITION_KEYS.some((k) => k in value);
}

function codeFor(issue: z.core.$ZodIssue, input: unknown): RuleIssueCode {
  const custom = (issue as { params?: { code?: RuleIssueCode } }).params?.code;
  if (custom) return custom;
  const last = issue.path[issue.path.length - 1];
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined ? 'required' : 'invalid_type';
    case 'too_small':
    case 'too_big':
      if (last === 'name') return 'name_length';
      if (last === 'category') return 'category_length';
      return 'invalid_value';
    case 'invalid_value':
      return last === 'color' ? 'color_unknown' : 'invalid_value';
    case 'invalid_format':
      return 'invalid_value';
    default:
      return 'invalid_value';
  }
}

function toIssues(issues: readonly z.core.$ZodIssue[], input: unknown, prefix: PropertyKey[] = []): RuleIssue[] {
  const out: RuleIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union') {
      // A condition is one of four shapes; report the problems of the shape its keys chose.
      const target = valueAt(input, issue.path);
      if (issue.path[issue.path.length - 1] === 'value') {
        out.push({
          path: formatPath(path),
          code: target === undefined ? 'required' : 'value_type',
          message: 'expected a string, number, boolean or a list of them',
        });
        continue;
      }
      const branch = issue.errors[conditionBranch(target)];
      if (branch && looksLikeCondition(target)) {
        out.push(...toIssues(branch, target, path));
      } else {
        out.push({ path: formatPath(path), code: 'invalid_condition', message: 'expected a condition: {all}, {any}, {not} or {field, op, value}' });
      }
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: formatPath([...path, key]), code: 'unknown_key', message: `unknown key "${key.slice(0, 40)}"` });
      continue;
    }
    out.push({ path: formatPath(path), code: codeFor(issue, input), message: issue.message });
  }
  return out;
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  if (input && typeof input === 'object' && 'when' in input) {
    const shapeIssues = measureCondition((input as { when: unknown }).when);
    if (shapeIssues.length > 0) return { ok: false, issues: shapeIssues };
  }
  const result = schema.safeParse(input);
  if (result.success) {
    const rule = result.data as { scope?: string; appliesTo?: unknown };
    if (rule.scope === 'personal' && rule.appliesTo !== undefined) {
      return {
        ok: false,
        issues: [
          { path: 'appliesTo', code: 'applies_to_personal', message: 'only an org rule can be scoped to groups; a personal rule is for its owner alone' },
        ],
      };
    }
    return { ok: true, value: result.data };
  }
  return { ok: false, issues: toIssues(result.error.issues, input) };
}

export function parseRule(input: unknown): ParseResult<Rule> {
  return parseWith(RuleSchema, input);
}

export function parseRuleDraft(input: unknown): ParseResult<RuleDraft> {
  return parseWith(RuleDraftSchema, input);
}

/** Parses or throws a RuleValidationError carrying every issue. */
export function assertRule(input: unknown): Rule {
  const result = parseRule(input);
  if (!result.ok) throw new RuleValidationError(result.issues);
  return result.value;
}

/** Validates a whole list (an import file); every issue's path starts with the rule's index. */
export function parseRuleList(input: unknown, parse: (x: unknown) => ParseResult<RuleDraft> = parseRuleDraft): ParseResult<RuleDraft[]> {
  if (!Array.isArray(input)) return { ok: false, issues: [{ path: '', code: 'invalid_type', message: 'expected a list of rules' }] };
  const rules: RuleDraft[] = [];
  const issues: RuleIssue[] = [];
  input.forEach((item, i) => {
    const r = parse(item);
    if (r.ok) rules.push(r.value);
    else issues.push(...r.issues.map((iss) => ({ ...iss, path: formatPath([i]) + (iss.path ? (iss.path.startsWith('[') ? iss.path : `.${iss.path}`) : '') })));
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: rules };
}

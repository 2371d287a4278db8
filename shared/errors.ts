/** Stable codes for everything a rule document can get wrong; clients switch on these, never on messages. */
export const RULE_ISSUE_CODES = [
  'invalid_type',
  'unknown_key',
  'required',
  'invalid_condition',
  'name_length',
  'name_character',
  'category_length',
  'category_comma',
  'category_character',
  'color_unknown',
  'field_unknown',
  'op_unsupported',
  'value_type',
  'enum_value',
  'time_format',
  'range_order',
  'case_sensitive_unsupported',
  'regex_invalid',
  'regex_too_long',
  'regex_too_complex',
  'nesting_too_deep',
  'too_many_conditions',
  'invalid_value',
  'group_id',
  'too_many_groups',
  'applies_to_personal',
] as const;

export type RuleIssueCode = (typeof RULE_ISSUE_CODES)[number];

export interface RuleIssue {
  /** Where in the document, e.g. `when.all[1].not.value`; empty for the document itself. */
  path: string;
  code: RuleIssueCode;
  message: string;
}

export class RuleValidationError extends Error {
  readonly code = 'rule_invalid';
  constructor(readonly issues: RuleIssue[]) {
    super(issues.length === 1 ? `${issues[0]!.path || 'rule'}: ${issues[0]!.message}` : `${issues.length} problems in the rule`);
    this.name = 'RuleValidationError';
  }
}

export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out ? `.${String(s)}` : String(s);
  }
  return out;
}

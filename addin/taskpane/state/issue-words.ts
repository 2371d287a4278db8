/**
 * The validator's issues in words a person acts on, at the field they concern. The shared validator speaks to
 * API clients ("Too big: expected string to have <=120 characters"); the editor switches on the stable code
 * and says what to do instead. Loaded with the editor (the validator's chunk), not with the pane.
 */
import type { RuleIssue } from '../../../shared/errors';
import { RULE_LIMITS } from '../../../shared/limits';

/** RE2's parse errors (re2js: "error parsing regexp: <kind>: `<where>`"), said plainly. */
const REGEX_PROBLEMS: Array<[kind: string, words: string]> = [
  ['missing closing )', 'a "(" is never closed with ")"'],
  ['unexpected )', 'there is a ")" without a "(" before it'],
  ['missing closing ]', 'a "[" is never closed with "]"'],
  ['missing argument to repetition operator', 'a *, + or ? has nothing before it to repeat'],
  ['invalid nested repetition operator', 'two repeat signs follow each other (like ** or +*)'],
  ['invalid escape sequence', 'a backslash is followed by a letter that means nothing special'],
  ['trailing backslash', 'it ends with a lone backslash'],
  ['invalid repeat count', 'a {n,m} repeat count is out of order or above 1000'],
  ['invalid character class range', 'a range in [ ] runs backwards (like z-a)'],
  ['invalid or unsupported Perl syntax', 'it uses a (? group form this matcher does not support'],
  ['invalid named capture', 'a named group (?P<name>…) is not written correctly'],
];

/** "error parsing regexp: missing closing ): `(abc`" → "… `(abc`": the part of the pattern at fault. */
function regexWords(message: string): string {
  const problem = REGEX_PROBLEMS.find(([kind]) => message.includes(`${kind}:`));
  // The validator compiles case-insensitively, which RE2 reports as a "(?i)" the person never typed.
  const at = /`([^`]*)`\s*$/.exec(message)?.[1]?.replace(/^\(\?i\)/, '');
  const why = problem ? problem[1] : 'it is not a pattern this matcher understands';
  return `This pattern cannot be used: ${why}${at ? ` (at "${at}")` : ''}. Check the brackets and special characters, or use "contains" for plain text.`;
}

/** The value the issue is about, when the form has one (its length words a too-long name). */
export type ValueOf = (path: string) => unknown;

export function describeIssue(issue: RuleIssue, valueOf: ValueOf): string {
  const value = valueOf(issue.path);
  const text = typeof value === 'string' ? value : '';
  switch (issue.code) {
    case 'name_length':
      return text.trim() === ''
        ? 'Give the rule a name: Save stays off until it has one.'
        : `A rule name can be at most ${RULE_LIMITS.nameMaxLength} characters; this one has ${text.length}. Shorten it.`;
    case 'name_character':
    case 'category_character':
      return `Remove the hidden or control character from this name (${issue.message.replace(/^.*?cannot contain /, '').replace(/:.*$/, '')}).`;
    case 'category_length':
      return text.trim() === ''
        ? 'Name the category the rule gives to events: Save stays off until it has one.'
        : `A category name can be at most ${RULE_LIMITS.categoryMaxLength} characters; this one has ${text.length}.`;
    case 'category_comma':
      return 'A category name cannot contain a comma: Outlook would read it as two categories.';
    case 'color_unknown':
      return 'Pick one of the colours.';
    case 'regex_invalid':
      return regexWords(issue.message);
    case 'regex_too_long':
      return `A pattern can be at most ${RULE_LIMITS.regexMaxLength} characters long. Shorten it.`;
    case 'regex_too_complex':
      return 'This pattern is too heavy to run on every event: use smaller repeat counts (like {1,20} instead of {1,900}).';
    case 'time_format':
      return 'Enter a time such as 09:30.';
    case 'range_order':
      return 'The first value must come before the second.';
    case 'required':
    case 'value_type':
      return issue.path.endsWith('.value') ? 'Enter a value for this condition.' : 'Fill in this field.';
    case 'enum_value':
      return 'Choose one of the options offered.';
    case 'nesting_too_deep':
      return `Conditions can nest at most ${RULE_LIMITS.maxDepth} groups deep. Flatten a group.`;
    case 'too_many_conditions':
      return `A rule can have at most ${RULE_LIMITS.maxConditions} conditions (groups count). Remove some.`;
    case 'field_unknown':
    case 'op_unsupported':
    case 'case_sensitive_unsupported':
      return 'This condition does not fit its field: pick the field and operator again.';
    case 'group_id':
    case 'too_many_groups':
      return `A team rule names 1 to ${RULE_LIMITS.appliesToMaxGroups} groups from your directory. Pick them again.`;
    case 'applies_to_personal':
      return 'Only an organisation rule can be for a team; your own rules are for you.';
    case 'invalid_value':
      return issue.path.includes('.value')
        ? 'This value is not valid for the condition: check its length and format.'
        : 'This is not valid: check what you entered.';
    default:
      return 'This is not valid: check what you entered.';
  }
}

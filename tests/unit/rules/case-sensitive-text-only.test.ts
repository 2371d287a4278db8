/**
 * caseSensitive belongs to text and list fields only. The task pane's condition builder keeps the "match case"
 * flag on a draft row when its field changes, so what it sends must still pass validation.
 */
import { FIELD_NAMES, FIELDS, parseRule, type Condition } from '../../../shared';
import { newPredicate, toCondition, withField, withOp } from '../../../addin/taskpane/state/condition-draft';
import { makeRule } from '../../factories/rules';

describe('the condition builder and caseSensitive', () => {
  test('a row ticked "match case" and then switched to any other field still gives a valid rule', () => {
    const ticked = { ...newPredicate('subject'), caseSensitive: true };
    for (const field of FIELD_NAMES) {
      const row = withField(ticked, field);
      const when = toCondition(row);
      const parsed = parseRule(makeRule({ when }));
      expect({ field, issues: parsed.ok ? [] : parsed.issues }).toEqual({ field, issues: [] });
      const textual = FIELDS[field].type === 'text' || FIELDS[field].type === 'list';
      expect('caseSensitive' in when).toBe(textual);
    }
  });

  test('on text it is kept, whatever the operator', () => {
    const row = withOp({ ...newPredicate('categories'), caseSensitive: true, value: 'Billable' }, 'equals');
    expect(toCondition(row)).toEqual({ field: 'categories', op: 'equals', value: 'Billable', caseSensitive: true } satisfies Condition);
  });
});

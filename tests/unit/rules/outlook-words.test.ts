/** The pane's one vocabulary: no field name, operator code, enum value or preset id can reach a person. */
import {
  FIELD_NAMES,
  FIELDS,
  OPS_BY_TYPE,
  PRESET_IDS,
  choiceLabel,
  colourName,
  compileRuleSet,
  describeCondition,
  describeRule,
  operatorLabel,
  whyLine,
  type FieldName,
  type Predicate,
} from '../../../shared';
import { makeEvent, person } from '../../factories/events';
import { makeRule } from '../../factories/rules';
import { ENGLISH, rawTokensIn } from '../../support/raw-identifiers';

/** Every predicate the model allows for a field, one per operator, with each choice of an enum field. */
function predicatesFor(field: FieldName): Predicate[] {
  const spec = FIELDS[field] as { type: string; values?: readonly string[] };
  const out: Predicate[] = [];
  for (const op of OPS_BY_TYPE[spec.type as keyof typeof OPS_BY_TYPE]) {
    switch (spec.type) {
      case 'text':
      case 'list':
        out.push({ field, op, value: op === 'in' || op === 'notIn' ? ['Design review', 'Retro'] : 'Design review' });
        out.push({ field, op, value: 'Design review', caseSensitive: true });
        break;
      case 'number':
        out.push({ field, op, value: op === 'between' ? [2, 4] : 4 });
        break;
      case 'boolean':
        out.push({ field, op, value: true }, { field, op, value: false });
        break;
      case 'time':
        out.push({ field, op, value: op === 'between' ? ['09:00', '12:00'] : '09:00' });
        break;
      case 'enum':
        for (const v of spec.values!) out.push({ field, op, value: op === 'in' ? [v] : v });
        out.push({ field, op: 'in', value: [...spec.values!] });
        break;
    }
  }
  return out;
}

describe('the Outlook vocabulary', () => {
  test('no field, operator or choice of the model renders as its raw identifier, in a summary or a why', () => {
    let checked = 0;
    for (const field of FIELD_NAMES) {
      const spec = FIELDS[field] as { type: string; values?: readonly string[] };
      const byType: Record<string, unknown[]> = {
        text: ['Weekly design review'],
        list: [['a@contoso.com']],
        number: [5],
        boolean: [true],
        time: ['08:15'],
        enum: [...(spec.values ?? [])],
      };
      const actuals: unknown[] = [undefined, ...byType[spec.type]!];
      for (const p of predicatesFor(field)) {
        const texts = [
          describeCondition(p),
          describeCondition({ not: p }),
          describeCondition({ any: [p, { all: [p, p] }] }),
          ...actuals.map((a) => whyLine(p, a)),
        ];
        for (const text of texts) {
          expect({ text, raw: rawTokensIn(text) }).toEqual({ text, raw: [] });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  test("every choice has Outlook's name, distinct within its field", () => {
    for (const field of FIELD_NAMES) {
      const values = (FIELDS[field] as { values?: readonly string[] }).values;
      if (!values) continue;
      const labels = values.map((v) => choiceLabel(field, v));
      expect(new Set(labels).size).toBe(values.length);
      for (const l of labels) expect(rawTokensIn(l)).toEqual([]);
      // A value shown as itself (capitalised) must be one someone decided is English, not a new code slipping through.
      for (const v of values)
        if (choiceLabel(field, v).toLowerCase() === v.toLowerCase()) expect({ field, v, english: ENGLISH.has(v) }).toEqual({ field, v, english: true });
    }
    expect(choiceLabel('showAs', 'oof')).toBe('Out of office');
    expect(choiceLabel('showAs', 'workingElsewhere')).toBe('Working elsewhere');
    expect(choiceLabel('onlineMeetingProvider', 'teamsForBusiness')).toBe('Microsoft Teams');
    expect(choiceLabel('responseStatus', 'tentativelyAccepted')).toBe('Tentative');
  });

  test('every operator of every field type has words, never its code', () => {
    for (const ops of Object.values(OPS_BY_TYPE)) {
      for (const op of ops) {
        expect(operatorLabel(op)).not.toBe('?');
        expect(rawTokensIn(operatorLabel(op))).toEqual([]);
      }
    }
    expect(operatorLabel('gte')).toBe('is at least');
  });

  test("every preset has Outlook's colour name, never its id", () => {
    for (const id of PRESET_IDS) expect(rawTokensIn(colourName(id))).toEqual([]);
    expect(colourName('preset11')).toBe('Dark steel');
    expect(colourName('None')).toBe('No colour');
  });

  test('summaries read as sentences', () => {
    expect(describeCondition({ field: 'hasExternalAttendees', op: 'is', value: true })).toBe('Has external people');
    expect(describeCondition({ field: 'showAs', op: 'in', value: ['free', 'oof'] })).toBe('Show as is one of Free or Out of office');
    expect(
      describeCondition({
        all: [
          { field: 'attendeeCount', op: 'gte', value: 4 },
          { any: [{ field: 'subject', op: 'contains', value: 'review' }, { not: { field: 'isRecurring', op: 'is', value: true } }] },
        ],
      }),
    ).toBe('Number of other people is at least 4 and (Subject contains "review" or Not: Is recurring)');
    expect(describeRule(makeRule({ when: { all: [] }, then: { category: 'Focus', color: 'preset11', stop: true } }))).toBe(
      'Every event → Focus (Dark steel) · later rules are skipped',
    );
  });

  test('the engine explains a match in the same words, with what the event had', () => {
    const rule = makeRule({
      when: {
        all: [
          { field: 'hasExternalAttendees', op: 'is', value: true },
          { field: 'attendeeCount', op: 'gte', value: 1 },
          { field: 'showAs', op: 'in', value: ['busy', 'oof'] },
        ],
      },
    });
    const [match] = compileRuleSet([rule], { internalDomains: ['contoso.com'] }).evaluate(
      makeEvent({ attendees: [person('lee@fabrikam.com')], showAs: 'oof' }),
    ).matches;
    expect(match!.why).toEqual([
      'Has external people',
      'Number of other people is at least 1 (this event: 1)',
      'Show as is one of Busy or Out of office (this event: Out of office)',
    ]);
  });
});

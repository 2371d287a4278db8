/**
 * The rule engine: org rules, then personal rules, each by `order` then `id`. Every enabled rule that
 * matches adds its category once; `stop` ends evaluation after its rule matched. Compile once, evaluate many.
 */
import type { CalendarEvent } from './event';
import type { PresetId } from './colors';
import type { Rule, RuleScope } from './schema';
import { compileCondition, SlotTable, type Test, type Explain } from './compile';
import type { EvaluationContext, SlotValue } from './slots';
import type { generateRuleSet } from './codegen';
import { categoryKey } from './category-key';
import type { ClockWords } from './outlook-words';
import { enabledInOrder } from './effective-rules';

export interface RuleMatch {
  ruleId: string;
  ruleName: string;
  scope: RuleScope;
  category: string;
  color: PresetId;
  /** The conditions that held, in words. */
  why: string[];
}

export interface Evaluation {
  /** Categories the rules give the event, in rule order, each once. */
  categories: string[];
  matches: RuleMatch[];
}

export interface CompiledRuleSet {
  /** Enabled rules in evaluation order. */
  readonly rules: readonly Rule[];
  /** With the why of each match; `clock` writes its times of day (the pane passes its display language's). */
  evaluate(event: CalendarEvent, clock?: ClockWords): Evaluation;
  /** Just the categories, without explanations: the sync's hot path. */
  categoriesFor(event: CalendarEvent): string[];
  /** The colour the rule set gives a category (the first rule that names it wins). */
  colorOf(category: string): PresetId | undefined;
}

// The order lives with the effective set; re-exported for the modules that import it from the engine.
export { compareRules, sortRules } from './effective-rules';

interface CompiledRule {
  rule: Rule;
  test: Test;
  explain: Explain;
  categoryKey: string;
}

export interface CompileOptions {
  /** false: never generate code (the evaluator a strict Content-Security-Policy gets). */
  generated?: boolean;
  /**
   * The code generator (./codegen's generateRuleSet); absent, the closures evaluate. The add-in never generates code
   * (its Content-Security-Policy forbids it), so it imports this module and carries no generator; engine.ts passes it.
   */
  generate?: typeof generateRuleSet;
}

export function compileRuleSet(rules: readonly Rule[], context: EvaluationContext = { internalDomains: [] }, options: CompileOptions = {}): CompiledRuleSet {
  const ordered = enabledInOrder(rules);
  const slots = new SlotTable(context);
  const compiled: CompiledRule[] = ordered.map((rule) => {
    const c = compileCondition(rule.when, slots);
    return { rule, test: c.test, explain: c.explain, categoryKey: categoryKey(rule.then.category) };
  });
  const readers = slots.readers;
  const colors = new Map<string, PresetId>();
  for (const r of ordered) if (!colors.has(categoryKey(r.then.category))) colors.set(categoryKey(r.then.category), r.then.color);

  const read = (event: CalendarEvent): SlotValue[] => {
    const values = new Array<SlotValue>(readers.length);
    for (let i = 0; i < readers.length; i++) values[i] = readers[i]!(event);
    return values;
  };

  // Straight-line generated code where the runtime allows it; the closures otherwise (same results, tested).
  const generated = options.generated === false || !options.generate ? null : options.generate(ordered, slots);
  const matchedIndices = generated
    ? (event: CalendarEvent) => generated(event)
    : (event: CalendarEvent) => {
        const values = read(event);
        const m: number[] = [];
        for (let i = 0; i < compiled.length; i++) {
          if (!compiled[i]!.test(values)) continue;
          m.push(i);
          if (compiled[i]!.rule.then.stop) break;
        }
        return m;
      };

  function run(event: CalendarEvent, onMatch: (r: CompiledRule, values: SlotValue[]) => void): void {
    const matched = matchedIndices(event);
    if (matched.length === 0) return;
    const values = read(event); // only explanations need the slot values
    for (let i = 0; i < matched.length; i++) onMatch(compiled[matched[i]!]!, values);
  }

  // When no two rules share a category, the hot path needs no de-duplication.
  const categoriesUnique = new Set(compiled.map((r) => r.categoryKey)).size === compiled.length;

  return {
    rules: ordered,
    evaluate(event, clock) {
      const categories: string[] = [];
      const seen = new Set<string>();
      const matches: RuleMatch[] = [];
      run(event, (r, values) => {
        if (!seen.has(r.categoryKey)) {
          seen.add(r.categoryKey);
          categories.push(r.rule.then.category);
        }
        const { id, name, scope, then } = r.rule;
        matches.push({ ruleId: id, ruleName: name, scope, category: then.category, color: then.color, why: r.explain(values, clock) });
      });
      return { categories, matches };
    },
    categoriesFor(event) {
      const matched = matchedIndices(event);
      const categories: string[] = [];
      if (categoriesUnique) {
        for (let i = 0; i < matched.length; i++) categories.push(compiled[matched[i]!]!.rule.then.category);
        return categories;
      }
      const seen = new Set<string>();
      for (let i = 0; i < matched.length; i++) {
        const r = compiled[matched[i]!]!;
        if (seen.has(r.categoryKey)) continue;
        seen.add(r.categoryKey);
        categories.push(r.rule.then.category);
      }
      return categories;
    },
    colorOf(category) {
      return colors.get(categoryKey(category));
    },
  };
}

/**
 * The rule engine with its code generator: the server's entry (sync, preview). The add-in imports ./rule-set, the
 * same engine without the generator, so the pane's first load does not carry code it may never run.
 */
import { generateRuleSet } from './codegen';
import { compileRuleSet as compileWith, type CompileOptions, type CompiledRuleSet } from './rule-set';
import type { Rule } from './schema';
import type { EvaluationContext } from './slots';

export * from './rule-set';

/** Straight-line generated code where the runtime allows it, unless `generated: false`. */
export function compileRuleSet(rules: readonly Rule[], context: EvaluationContext = { internalDomains: [] }, options: CompileOptions = {}): CompiledRuleSet {
  return compileWith(rules, context, { generate: generateRuleSet, ...options });
}

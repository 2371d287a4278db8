import type { Condition, Rule } from '../../shared';

let counter = 0;

/** A valid rule; override any part. Ids are unique and sort in creation order. */
export function makeRule(overrides: Partial<Rule> = {}): Rule {
  counter += 1;
  return {
    id: `r_${String(counter).padStart(6, '0')}`,
    name: `Rule ${counter}`,
    scope: 'org',
    enabled: true,
    order: counter,
    when: { all: [] },
    then: { category: `Category ${counter}`, color: 'preset7', stop: false },
    ...overrides,
  };
}

export function ruleWhen(when: Condition, category: string, overrides: Partial<Rule> = {}): Rule {
  return makeRule({ when, then: { category, color: 'preset0', stop: false }, ...overrides });
}

/** What a configuration loader refused: its problems, or the variables they name. Fails the test when it loads. */
import { ConfigError, type ConfigProblem } from '../../server/config';

export function configProblemsOf(load: () => unknown): ConfigProblem[] {
  try {
    load();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

/** The variables named, in the loader's order. */
export const problemVariables = (load: () => unknown): string[] => configProblemsOf(load).map((p) => p.variable);

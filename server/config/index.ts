/**
 * CalSync's configuration: one section per area, each in its own file (api: auth, http and logging; store; graph;
 * sync; queue; worker; demo), sharing the checks in fields.ts. Each process reads what it runs once, at start, into
 * a frozen object; every bad variable of every section it reads is named at once, and the process exits 2.
 */
import { loadConfig, type ApiConfig } from './api';
import { ConfigError, configSection, frozen, type ConfigProblem } from './fields';
import { loadOnboardingConfig, type OnboardingConfig } from './onboarding';
import { loadOperatorConfig, type OperatorConfig } from './operator';
import { planSyncHost, type SyncHostPlan } from './sync';
import { loadOptionalGraphConfig, type GraphConfig } from './graph';

export { DEFAULT_JWKS_URL, DEFAULT_TOKEN_ISSUER, loadConfig, type ApiConfig } from './api';
export { ConfigError, type ConfigProblem, type LogLevel } from './fields';

/** `npm run serve`: the API's sections and, with CALSYNC_SYNC=on, the sync's, checked together. */
export interface ServeConfig {
  api: ApiConfig;
  /** Undefined when the sync is off. */
  sync?: SyncHostPlan;
  /** Undefined when `/onboard` is off (no CALSYNC_ONBOARD_STATE_KEY). */
  onboarding?: OnboardingConfig;
  /** Undefined when `/operator` is off (no CALSYNC_OPERATOR_TENANT). */
  operator?: OperatorConfig;
  /**
   * Where the API reads the directory (team rules, the pickers, group seats): the sync's or onboarding's Graph
   * section, or, with neither, the Graph section when a credential is configured; undefined without one.
   */
  directory?: GraphConfig;
}

export function loadServeConfig(env: NodeJS.ProcessEnv): ServeConfig {
  const problems: ConfigProblem[] = [];
  const api = configSection(problems, () => loadConfig(env));
  const sync = configSection(problems, () => planSyncHost(env));
  const onboarding = configSection(problems, () => loadOnboardingConfig(env));
  const operator = configSection(problems, () => loadOperatorConfig(env));
  const directory = sync?.sync ?? onboarding?.graph ?? configSection(problems, () => loadOptionalGraphConfig(env));
  // The sync and onboarding both read the Graph section: name each of its problems once.
  const once = problems.filter((p, i) => problems.findIndex((q) => q.variable === p.variable && q.message === p.message) === i);
  if (once.length > 0) throw new ConfigError(once);
  return frozen({ api: api as ApiConfig, sync, onboarding, operator, directory });
}

/** One line per bad variable, so every fix is visible at once. */
export function describeConfigError(err: ConfigError): string {
  return err.problems.map((p) => `config: ${p.variable}: ${p.message}`).join('\n');
}

/** For a process's entry point: the configuration, or every problem on stderr and exit code 2. */
export function loadOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(describeConfigError(err));
    process.exit(2);
  }
}

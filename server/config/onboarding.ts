/**
 * The onboarding section (issue #15): CALSYNC_ONBOARD_STATE_KEY turns `/onboard` on. It signs the admin-consent
 * state cookie (base64, at least 32 bytes: `openssl rand -base64 32`); every API instance needs the same key. The
 * pages also need the Graph section: the consent link names the multi-tenant app, and the callback proves the consent
 * with the app's credential in the consenting tenant.
 */
import { ConfigError, type ConfigProblem } from './fields';
import { loadGraphConfig, type GraphConfig } from './graph';

export const ENTRA_AUTHORITY_HOST = 'https://login.microsoftonline.com';

export interface OnboardingConfig {
  /** Base64 (a Buffer cannot be frozen with the rest of the configuration). */
  stateKeyBase64: string;
  /** The multi-tenant app registration the consent link names. */
  clientId: string;
  authorityHost: string;
  graph: GraphConfig;
}

export function loadOnboardingConfig(env: NodeJS.ProcessEnv): OnboardingConfig | undefined {
  const raw = env.CALSYNC_ONBOARD_STATE_KEY?.trim();
  if (!raw) return undefined;
  const problems: ConfigProblem[] = [];
  const stateKey = Buffer.from(raw, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw) || stateKey.length < 32)
    problems.push({ variable: 'CALSYNC_ONBOARD_STATE_KEY', message: 'expected at least 32 random bytes in base64 (openssl rand -base64 32)' });
  let graph: GraphConfig | undefined;
  try {
    graph = loadGraphConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  const credential = graph?.credential;
  const clientId = credential?.kind === 'managedIdentity' ? credential.federatedAppClientId : credential?.clientId;
  if (graph && !clientId)
    problems.push({
      variable: 'CALSYNC_FEDERATED_APP_CLIENT_ID',
      message: 'onboarding needs the multi-tenant app: with a managed identity, name the app its federated credential reaches',
    });
  if (problems.length > 0) throw new ConfigError(problems);
  const authorityHost = (credential?.kind !== 'managedIdentity' && credential?.authorityHost) || ENTRA_AUTHORITY_HOST;
  return { stateKeyBase64: raw, clientId: clientId as string, authorityHost, graph: graph as GraphConfig };
}

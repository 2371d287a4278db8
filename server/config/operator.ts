/**
 * The operator section (issue #15): CALSYNC_OPERATOR_TENANT turns `/operator` on — the tenant whose users with the
 * app role CalSync.Operator run the service. CALSYNC_OPERATOR_CLIENT_ID is the app registration they sign in to
 * (its ID tokens' audience; "ID tokens" enabled for the implicit flow, the redirect URI <public URL>/operator/callback),
 * and CALSYNC_OPERATOR_SESSION_KEY signs the session cookie (base64, at least 32 bytes; the same on every instance).
 * The ID tokens are checked against CALSYNC_JWKS_URL and CALSYNC_TOKEN_ISSUER, as access tokens are.
 */
import { ConfigError, GUID, type ConfigProblem } from './fields';
import { ENTRA_AUTHORITY_HOST } from './onboarding';

export interface OperatorConfig {
  /** Lower-cased. */
  tenantId: string;
  clientId: string;
  /** Base64 (a Buffer cannot be frozen with the rest of the configuration). */
  sessionKeyBase64: string;
  authorityHost: string;
}

export function loadOperatorConfig(env: NodeJS.ProcessEnv): OperatorConfig | undefined {
  const tenantId = env.CALSYNC_OPERATOR_TENANT?.trim();
  if (!tenantId) return undefined;
  const problems: ConfigProblem[] = [];
  if (!GUID.test(tenantId)) problems.push({ variable: 'CALSYNC_OPERATOR_TENANT', message: 'expected the operator tenant id (a GUID), not its domain' });
  const clientId = env.CALSYNC_OPERATOR_CLIENT_ID?.trim() ?? '';
  if (!GUID.test(clientId))
    problems.push({
      variable: 'CALSYNC_OPERATOR_CLIENT_ID',
      message: 'required with CALSYNC_OPERATOR_TENANT: the client id (a GUID) of the app operators sign in to',
    });
  const key = env.CALSYNC_OPERATOR_SESSION_KEY?.trim() ?? '';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key) || Buffer.from(key, 'base64').length < 32) {
    problems.push({
      variable: 'CALSYNC_OPERATOR_SESSION_KEY',
      message: 'required with CALSYNC_OPERATOR_TENANT: at least 32 random bytes in base64 (openssl rand -base64 32)',
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { tenantId: tenantId.toLowerCase(), clientId, sessionKeyBase64: key, authorityHost: ENTRA_AUTHORITY_HOST };
}

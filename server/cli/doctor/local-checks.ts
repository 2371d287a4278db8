/** Checks of what CalSync itself is configured with: the API's config and sign-in keys, and the store. */
import { ConfigError, loadConfig, type ApiConfig } from '../../config';
import { describeStore, loadStoreConfig } from '../../config/store';
import { openStores } from '../../store/open-stores';
import type { Stores } from '../../store/types';
import { fail, pass, shortError, type CheckResult } from './check';

export const configProblems = (err: ConfigError): string => err.problems.map((p) => `${p.variable} ${p.message}`).join('; ');

export function checkApiConfig(env: NodeJS.ProcessEnv): { result: CheckResult; config?: ApiConfig } {
  try {
    const config = loadConfig(env);
    return { result: pass('api config', `audience ${config.auth.audience}, store ${config.store.kind}`), config };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { result: fail('api config', configProblems(err), 'set the named variables (README, "Configuration")') };
  }
}

/** The JWKS the API verifies tokens against must answer with at least one signing key. */
export async function checkSigningKeys(config: ApiConfig | undefined, fetchImpl: typeof fetch = fetch): Promise<CheckResult> {
  const name = 'sign-in keys';
  const url = config?.auth.jwksUrl;
  if (!url) return fail(name, 'no API config', 'fix the api config first');
  try {
    const res = await fetchImpl(url, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) return fail(name, `${url} answered ${res.status}`, 'check CALSYNC_JWKS_URL (default: Entra ID common keys)');
    const body = (await res.json()) as { keys?: unknown[] };
    const keys = Array.isArray(body.keys) ? body.keys.length : 0;
    if (keys === 0) return fail(name, `${url} lists no keys`, 'CALSYNC_JWKS_URL must point at a JWKS document');
    return pass(name, `${keys} key${keys === 1 ? '' : 's'} at ${url}`);
  } catch (err) {
    return fail(name, `${url}: ${shortError(err)}`, 'check outbound https to login.microsoftonline.com (or CALSYNC_JWKS_URL)');
  }
}

export async function checkStore(env: NodeJS.ProcessEnv): Promise<{ result: CheckResult; stores?: Stores }> {
  const name = 'store';
  let stores: Stores | undefined;
  try {
    const config = loadStoreConfig(env);
    // Checked, never created: a missing store is a failure to fix, not something to make empty and call healthy.
    stores = await openStores(config, { existingOnly: true });
    await stores.ping();
    return { result: pass(name, `${stores.kind} reachable (${describeStore(config)})`), stores };
  } catch (err) {
    await stores?.close().catch(() => undefined);
    if (err instanceof ConfigError)
      return { result: fail(name, configProblems(err), 'set the store variables (CALSYNC_STORE, CALSYNC_SQLITE_PATH or COSMOS_*)') };
    const fix =
      env.CALSYNC_STORE === 'cosmos'
        ? 'check COSMOS_ENDPOINT and COSMOS_KEY, or that the managed identity has the Cosmos DB Built-in Data Contributor role'
        : 'check CALSYNC_SQLITE_PATH: the API creates the store at its first start (`npm run serve`, or `npm start` for the demo)';
    return { result: fail(name, shortError(err), fix) };
  }
}

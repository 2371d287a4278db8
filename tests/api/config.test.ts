/** Configuration is typed and fails fast, naming the bad variable. */
import { ConfigError, DEFAULT_JWKS_URL, loadConfig } from '../../server/config';

const base = { CALSYNC_API_AUDIENCE: 'api://calsync' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) => p.variable);
  }
  throw new Error('expected a ConfigError');
}

test('defaults: SQLite at ./data/calsync.db, Entra ID keys and issuer, no CORS, no allow-list', () => {
  const c = loadConfig(base);
  expect(c).toMatchObject({
    port: 8080,
    store: { kind: 'sqlite', path: './data/calsync.db' },
    auth: { audience: 'api://calsync', jwksUrl: DEFAULT_JWKS_URL, issuerTemplate: 'https://login.microsoftonline.com/{tid}/v2.0' },
  });
  expect(c.auth.allowedTenants).toBeUndefined();
  expect(c.addinOrigin).toBeUndefined();
});

test('every variable is read', () => {
  const c = loadConfig({
    ...base,
    PORT: '9000',
    CALSYNC_STORE: 'cosmos',
    COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/',
    COSMOS_DATABASE: 'cs',
    CALSYNC_JWKS_URL: 'http://127.0.0.1:1/keys',
    CALSYNC_TOKEN_ISSUER: 'https://issuer/{tid}/',
    CALSYNC_ALLOWED_TENANTS: ' AAAA , bbbb,',
    CALSYNC_ADDIN_ORIGIN: 'https://addin.example/',
  });
  expect(c).toMatchObject({
    port: 9000,
    store: { kind: 'cosmos', endpoint: 'https://acct.documents.azure.com:443/', database: 'cs' },
    auth: { jwksUrl: 'http://127.0.0.1:1/keys', issuerTemplate: 'https://issuer/{tid}/', allowedTenants: ['aaaa', 'bbbb'] },
    addinOrigin: 'https://addin.example',
  });
  expect(c.store.kind === 'cosmos' && c.store.key).toBeUndefined();
});

test.each([
  [{}, 'CALSYNC_API_AUDIENCE'],
  [{ ...base, PORT: 'eighty' }, 'PORT'],
  [{ ...base, CALSYNC_STORE: 'postgres' }, 'CALSYNC_STORE'],
  [{ ...base, CALSYNC_STORE: 'cosmos' }, 'COSMOS_ENDPOINT'],
  [{ ...base, CALSYNC_JWKS_URL: 'not a url' }, 'CALSYNC_JWKS_URL'],
  [{ ...base, CALSYNC_TOKEN_ISSUER: 'https://issuer/fixed' }, 'CALSYNC_TOKEN_ISSUER'],
  [{ ...base, CALSYNC_ADDIN_ORIGIN: 'ftp://x' }, 'CALSYNC_ADDIN_ORIGIN'],
  [{ ...base, CALSYNC_ADDIN_ORIGIN: 'https://addin.example/taskpane.html' }, 'CALSYNC_ADDIN_ORIGIN'],
  [{ ...base, CALSYNC_JWKS_URL: 'http://keys.example/keys' }, 'CALSYNC_JWKS_URL'],
  [{ ...base, CALSYNC_STORE: 'cosmos', COSMOS_ENDPOINT: 'http://acct.documents.azure.com/' }, 'COSMOS_ENDPOINT'],
])('%j fails naming %s', (env, variable) => {
  expect(problemsOf(env as Record<string, string>)).toContain(variable);
});

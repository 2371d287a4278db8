/** Configuration is typed and fails fast, naming the bad variable. */
import { ConfigError, DEFAULT_JWKS_URL, loadConfig } from '../../server/config';

const base = { CALSYNC_API_AUDIENCE: 'api://calsync' };

function problemsOf(env: Record<string, string>): string[] {
  return problemDetails(env).map((p) => p.variable);
}

function problemDetails(env: Record<string, string>): ConfigError['problems'] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
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
    CALSYNC_ALLOWED_TENANTS: ' AAAAAAAA-0000-4000-8000-00000000000A , bbbbbbbb-0000-4000-8000-00000000000b,',
    CALSYNC_ADDIN_ORIGIN: 'https://addin.example/',
  });
  expect(c).toMatchObject({
    port: 9000,
    store: { kind: 'cosmos', endpoint: 'https://acct.documents.azure.com:443/', database: 'cs' },
    auth: {
      jwksUrl: 'http://127.0.0.1:1/keys',
      issuerTemplate: 'https://issuer/{tid}/',
      allowedTenants: ['aaaaaaaa-0000-4000-8000-00000000000a', 'bbbbbbbb-0000-4000-8000-00000000000b'],
    },
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
  [{ ...base, PORT: '' }, 'PORT'],
  [{ ...base, PORT: '  ' }, 'PORT'],
  [{ ...base, PORT: '0x50' }, 'PORT'],
  [{ ...base, PORT: '1e3' }, 'PORT'],
  [{ ...base, PORT: '65536' }, 'PORT'],
  [{ ...base, PORT: '-1' }, 'PORT'],
  [{ ...base, CALSYNC_ALLOWED_TENANTS: 'contoso.onmicrosoft.com' }, 'CALSYNC_ALLOWED_TENANTS'],
  [{ ...base, CALSYNC_ALLOWED_TENANTS: 'aaaaaaaa-0000-4000-8000-00000000000a, contoso.com' }, 'CALSYNC_ALLOWED_TENANTS'],
  [{ ...base, CALSYNC_ALLOWED_TENANTS: ' , ' }, 'CALSYNC_ALLOWED_TENANTS'],
  [{ ...base, CALSYNC_TOKEN_ISSUER: 'http://login.microsoftonline.com/{tid}/v2.0' }, 'CALSYNC_TOKEN_ISSUER'],
  [{ ...base, CALSYNC_TOKEN_ISSUER: 'login.microsoftonline.com/{tid}/v2.0' }, 'CALSYNC_TOKEN_ISSUER'],
  [{ ...base, CALSYNC_TOKEN_ISSUER: '{tid}' }, 'CALSYNC_TOKEN_ISSUER'],
])('%j fails naming %s', (env, variable) => {
  expect(problemsOf(env as Record<string, string>)).toContain(variable);
});

test('the port is digits 0–65535; 0 picks a free port', () => {
  expect(loadConfig({ ...base, PORT: '0' }).port).toBe(0);
  expect(loadConfig({ ...base, PORT: ' 65535 ' }).port).toBe(65535);
});

test('an issuer may carry {tid} in its host too (Entra External ID)', () => {
  expect(loadConfig({ ...base, CALSYNC_TOKEN_ISSUER: 'https://{tid}.ciamlogin.com/{tid}/v2.0' }).auth.issuerTemplate).toBe(
    'https://{tid}.ciamlogin.com/{tid}/v2.0',
  );
});

test('messages say what is wrong: a blank required variable is missing, a blank PORT is a bad port, bad tenants are quoted', () => {
  expect(problemDetails({ CALSYNC_API_AUDIENCE: ' ' })).toEqual([{ variable: 'CALSYNC_API_AUDIENCE', message: 'is required' }]);
  expect(problemDetails({ ...base, PORT: '' })).toEqual([{ variable: 'PORT', message: 'expected a port number 0–65535' }]);
  expect(problemDetails({ ...base, CALSYNC_ALLOWED_TENANTS: 'aaaaaaaa-0000-4000-8000-00000000000a,contoso.com' })).toEqual([
    { variable: 'CALSYNC_ALLOWED_TENANTS', message: 'expected tenant ids (GUIDs), got "contoso.com"' },
  ]);
  expect(problemDetails({ ...base, CALSYNC_TOKEN_ISSUER: 'http://issuer.example/{tid}/' })).toEqual([
    { variable: 'CALSYNC_TOKEN_ISSUER', message: expect.stringMatching(/https URL/) },
  ]);
});

test('the notification endpoint: per-address limit, and trust proxy off unless hops or proxy addresses are named', () => {
  expect(loadConfig(base)).toMatchObject({ notificationsPerMinute: 600, trustProxy: false });
  expect(loadConfig({ ...base, CALSYNC_NOTIFICATIONS_PER_MINUTE: '120', CALSYNC_TRUST_PROXY: '1' })).toMatchObject({
    notificationsPerMinute: 120,
    trustProxy: 1,
  });
  expect(loadConfig({ ...base, CALSYNC_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
  // "true" would believe any X-Forwarded-For: every caller could pick the address the rate limit sees.
  expect(problemsOf({ ...base, CALSYNC_TRUST_PROXY: 'true' })).toEqual(['CALSYNC_TRUST_PROXY']);
  expect(problemsOf({ ...base, CALSYNC_TRUST_PROXY: 'proxy.example.com' })).toEqual(['CALSYNC_TRUST_PROXY']);
  expect(problemsOf({ ...base, CALSYNC_NOTIFICATIONS_PER_MINUTE: '0' })).toEqual(['CALSYNC_NOTIFICATIONS_PER_MINUTE']);
});

test('a plain-http add-in origin is refused unless it is loopback (CORS would trust whoever answers on the path)', () => {
  expect(problemDetails({ ...base, CALSYNC_ADDIN_ORIGIN: 'http://addin.example' })).toEqual([
    { variable: 'CALSYNC_ADDIN_ORIGIN', message: 'expected an https origin (http only on 127.0.0.1 / localhost)' },
  ]);
  expect(problemsOf({ ...base, CALSYNC_ADDIN_ORIGIN: 'http://10.0.0.5:3000' })).toEqual(['CALSYNC_ADDIN_ORIGIN']);
  expect(loadConfig({ ...base, CALSYNC_ADDIN_ORIGIN: 'http://localhost:3000' }).addinOrigin).toBe('http://localhost:3000');
  expect(loadConfig({ ...base, CALSYNC_ADDIN_ORIGIN: 'http://127.0.0.1:3000/' }).addinOrigin).toBe('http://127.0.0.1:3000');
});

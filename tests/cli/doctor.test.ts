/**
 * `calsync doctor` against the sandbox: a healthy configuration passes every check; a wrong secret, missing
 * variables, an unknown mailbox, an unreachable JWKS and a token without the Graph roles each fail with a fix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { checkGraphRoles } from '../../server/cli/doctor/graph-checks';
import { startTestIssuer, type TestIssuer } from '../support/token-issuer';
import { ADA, rule, teamRules } from '../sync/support/team';
import { startCliStack, type CliStack } from './support/cli-stack';

const lines = (stdout: string, status: string): string[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith(status))
    .map((l) => l.slice(6).split(':')[0]!);

describe('calsync doctor', () => {
  let stack: CliStack;
  let issuer: TestIssuer;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    stack = await startCliStack();
    issuer = await startTestIssuer();
    env = { ...stack.env, CALSYNC_API_AUDIENCE: issuer.audience, CALSYNC_JWKS_URL: issuer.jwksUrl, CALSYNC_QUEUE: 'memory' };
  });
  afterAll(async () => {
    await issuer.close();
    await stack.close();
  });

  test('a healthy configuration: every check passes (the sandbox token is opaque, so its roles are probed, not read)', async () => {
    const result = await stack.run(['doctor'], env);
    expect(result.stderr).toBe('');
    expect(lines(result.stdout, 'PASS')).toEqual([
      'api config',
      'sign-in keys',
      'store',
      'graph config',
      'stored rules',
      'graph token',
      'mailbox access',
      'queue',
    ]);
    expect(lines(result.stdout, 'SKIP')).toEqual(['graph permissions']);
    expect(result.stdout).toContain(`calendar and categories of ${ADA} readable`);
    expect(result.stdout).toMatch(/8 passed, 0 failed, 1 skipped\n$/);
    expect(result.code).toBe(0);
  });

  test('a wrong secret fails the token with the fix, and the checks that need a token are skipped', async () => {
    const result = await stack.run(['doctor'], { ...env, CALSYNC_CLIENT_SECRET: 'not-the-secret' });
    expect(result.code).toBe(1);
    expect(lines(result.stdout, 'FAIL')).toEqual(['graph token']);
    expect(result.stdout).toMatch(/fix: check CALSYNC_TENANT_ID and CALSYNC_CLIENT_ID, and that the secret/);
    expect(result.stdout).not.toContain('not-the-secret');
    expect(lines(result.stdout, 'SKIP')).toEqual(['graph permissions', 'mailbox access']);
  });

  test('missing variables are named; a mailbox outside the tenant fails with what to check', async () => {
    const missing = await stack.run(['doctor'], { ...env, CALSYNC_API_AUDIENCE: '', CALSYNC_TENANT_ID: '' });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^FAIL {2}api config: CALSYNC_API_AUDIENCE is required/m);
    expect(missing.stdout).toMatch(/^FAIL {2}graph config: CALSYNC_TENANT_ID is required/m);

    const unknown = await stack.run(['doctor', '--mailbox', 'nobody@contoso.com'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toMatch(/^FAIL {2}mailbox access: cannot read the calendar of nobody@contoso.com/m);
    expect(unknown.stdout).toMatch(/fix: the mailbox does not exist in this tenant/);
  });

  test('an unreachable JWKS and a missing store fail with their fixes, and the store is not created', async () => {
    const missing = path.join(stack.temp.dir, 'no-such-dir', 'calsync.db');
    const result = await stack.run(['doctor'], { ...env, CALSYNC_JWKS_URL: 'http://127.0.0.1:9/keys', CALSYNC_SQLITE_PATH: missing });
    expect(result.code).toBe(1);
    expect(lines(result.stdout, 'FAIL')).toEqual(['sign-in keys', 'store']);
    expect(result.stdout).toMatch(/fix: check outbound https to login\.microsoftonline\.com/);
    expect(result.stdout).toContain(`FAIL  store: ${missing} does not exist`);
    expect(result.stdout).toMatch(/fix: check CALSYNC_SQLITE_PATH: the API creates the store at its first start/);
    // Checked, never created: neither the file nor its directory appears (issue #13: doctor made an empty store and passed it).
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });

  test('Entra tokens: the roles claim must hold both application permissions', async () => {
    const jwt = async (roles: string[]) => new SignJWT({ roles }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('k'.repeat(32)));
    expect(checkGraphRoles(await jwt(['Calendars.ReadWrite', 'MailboxSettings.ReadWrite', 'User.Read.All'])).status).toBe('pass');
    const partial = checkGraphRoles(await jwt(['Calendars.ReadWrite']));
    expect(partial).toMatchObject({ status: 'fail', detail: 'missing application permission: MailboxSettings.ReadWrite' });
    expect(partial.fix).toMatch(/grant admin consent/);
    expect(checkGraphRoles(await jwt([])).detail).toBe('missing application permissions: Calendars.ReadWrite, MailboxSettings.ReadWrite');
  });
});

describe('calsync doctor: stored rules the name checks now refuse', () => {
  let stack: CliStack;
  let issuer: TestIssuer;
  beforeAll(async () => {
    // Stored before names were checked (the store takes them as given): the demo's "Exter\u200Bnal" and a
    // right-to-left override in a rule name.
    const hidden = rule('r_hidden', 'Exter\u200Bnal', 'preset0', { field: 'subject', op: 'contains', value: 'x' });
    const reversed = { ...rule('r_reversed', 'Invoice', 'preset1', { all: [] }), name: 'Invoice \u202Egnp.exe' };
    stack = await startCliStack({ rules: [...teamRules(), hidden, reversed] });
    issuer = await startTestIssuer();
  });
  afterAll(async () => {
    await issuer.close();
    await stack.close();
  });

  test('each refused rule is listed by tenant and id with what hides in its names written out, and left as it was', async () => {
    const env: NodeJS.ProcessEnv = { ...stack.env, CALSYNC_API_AUDIENCE: issuer.audience, CALSYNC_JWKS_URL: issuer.jwksUrl, CALSYNC_QUEUE: 'memory' };
    const result = await stack.run(['doctor'], env);
    expect(result.code).toBe(1);
    expect(lines(result.stdout, 'FAIL')).toEqual(['stored rules']);
    const tenant = env.CALSYNC_TENANT_ID!;
    expect(result.stdout).toContain('2 of 6 rules would now be refused (left unchanged)');
    expect(result.stdout).toContain(`tenant ${tenant} rule r_hidden name "Exter\\u{200B}nal" category "Exter\\u{200B}nal": name_character, category_character`);
    expect(result.stdout).toContain(`tenant ${tenant} rule r_reversed name "Invoice \\u{202E}gnp.exe" category "Invoice": name_character`);
    expect(result.stdout).not.toContain('\u200B');
    const again = await stack.run(['doctor'], env);
    expect(again.stdout).toContain('2 of 6 rules would now be refused');
  });
});

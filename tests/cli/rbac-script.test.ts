/**
 * `calsync rbac-script` (issue #16): the PowerShell it prints uses only cmdlets and parameters of the documented
 * syntax (tests/cli/fixtures/exchange-rbac-cmdlets.json), scopes every enrolled group for every mailbox role
 * CalSync uses, and quotes what it did not write itself. With the Graph credential it reads the groups' names and
 * scopes the groups nested in them too (against the sandbox's Entra groups).
 */
import fixture from './fixtures/exchange-rbac-cmdlets.json';
import { startGraphSandbox, type GraphSandbox } from '../../graph-sandbox/src/index';
import { GROUP, teamsTenant } from '../../graph-sandbox/tests/support/factories';
import { renderRbacScript } from '../../server/cli/rbac/rbac-script';
import { openStores } from '../../server/store/open-stores';
import { tempSqliteDir, type TempDir } from '../support/sqlite';
import { runCaptured } from './support/cli-run';
import { sandboxGraphEnv } from './support/cli-stack';

const APP = '11111111-2222-4333-8444-555555555555';
const TENANT = 'aaaaaaaa-0000-4000-8000-00000000000a';
const SALES = '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';
const SUPPORT = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';

type CmdletSpec = { required: string[]; allowed: string[] };
const cmdlets = fixture.cmdlets as Record<string, CmdletSpec>;

/** Every cmdlet call in the script (statement starts, pipeline stages, calls inside `if`/`$(...)`), with its -Parameters. */
function calls(script: string): Array<{ cmdlet: string; params: string[]; line: string }> {
  const out: Array<{ cmdlet: string; params: string[]; line: string }> = [];
  for (const line of script.split('\n')) {
    if (line.trim().startsWith('#')) continue;
    // Strings hold filters and names, not parameters: blank them before looking for -Parameters.
    const code = line.replace(/'(?:[^']|'')*'/g, "''").replace(/"(?:[^"`]|`.)*"/g, '""');
    for (const m of code.matchAll(/(?:^|[|({=]\s*|\s)([A-Z][a-z]+-[A-Za-z]+)\b([^|)}]*)/g)) {
      const params = [...m[2]!.matchAll(/\s-([A-Za-z]+)/g)].map((p) => p[1]!);
      out.push({ cmdlet: m[1]!, params, line });
    }
  }
  return out;
}

describe('the script', () => {
  const script = renderRbacScript({
    appId: APP,
    groups: [
      { id: SALES, displayName: 'Sales' },
      { id: SUPPORT, nestedGroups: 2 },
    ],
    testMailbox: 'ann@contoso.com',
  });

  test('uses only documented cmdlets and parameters, with every required one', () => {
    const found = calls(script);
    expect(found.length).toBeGreaterThan(8);
    for (const call of found) {
      const spec = cmdlets[call.cmdlet];
      expect({ cmdlet: call.cmdlet, known: spec !== undefined }).toEqual({ cmdlet: call.cmdlet, known: true });
      const undocumented = call.params.filter((p) => !spec!.allowed.includes(p) && !fixture.common.includes(p));
      expect({ line: call.line, undocumented }).toEqual({ line: call.line, undocumented: [] });
      const missing = spec!.required.filter((p) => !call.params.includes(p));
      expect({ line: call.line, missing }).toEqual({ line: call.line, missing: [] });
    }
  });

  test('scopes each group for each mailbox role CalSync uses, with documented role names', () => {
    const assignments = [...script.matchAll(/New-ManagementRoleAssignment -App \$AppId -Role '([^']+)' -CustomResourceScope '([^']+)'/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(assignments).toEqual([
      ['Application Calendars.ReadWrite', 'CalSync - Sales'],
      ['Application MailboxSettings.ReadWrite', 'CalSync - Sales'],
      ['Application Calendars.ReadWrite', `CalSync - ${SUPPORT}`],
      ['Application MailboxSettings.ReadWrite', `CalSync - ${SUPPORT}`],
    ]);
    for (const [role] of assignments) expect(fixture.applicationRoles).toContain(role);
    expect(script).toContain(`New-ManagementScope -Name 'CalSync - Sales' -RecipientRestrictionFilter "MemberOfGroup -eq`);
  });

  test('warns about nested groups, says to remove the tenant-wide grants, and ends with the check', () => {
    expect(script).toMatch(/# Warning: this group has 2 nested group\(s\)/);
    expect(script).toMatch(/remove the tenant-wide grants of Calendars\.ReadWrite and MailboxSettings\.ReadWrite/);
    expect(script.trimEnd().split('\n').at(-1)).toBe("Test-ServicePrincipalAuthorization -Identity $AppId -Resource 'ann@contoso.com' | Format-Table");
  });

  test('a quote in a name or mailbox cannot end the string early', () => {
    const hostile = renderRbacScript({ appId: APP, groups: [{ id: SALES, displayName: "O'Brien'; Remove-Mailbox x" }], testMailbox: "a'b@contoso.com" });
    expect(hostile).toContain("-Name 'CalSync - OBrien Remove-Mailbox x'");
    expect(hostile).toContain("-Resource 'a''b@contoso.com'");
    expect(calls(hostile).map((c) => c.cmdlet)).not.toContain('Remove-Mailbox');
  });
});

describe('calsync rbac-script', () => {
  let temp: TempDir;
  let dbPath: string;
  beforeEach(() => {
    temp = tempSqliteDir('calsync-cli-');
    dbPath = temp.dbPath('calsync.db');
  });
  afterEach(() => temp.remove());
  const env = () => ({ CALSYNC_TENANT_ID: TENANT, CALSYNC_STORE: 'sqlite', CALSYNC_SQLITE_PATH: dbPath });

  test("without --group it scopes the tenant's enrolled groups from the settings", async () => {
    const stores = await openStores({ kind: 'sqlite', path: dbPath });
    await stores.settings.put(
      {
        tenantId: TENANT,
        internalDomains: [],
        enrolledMailboxes: [],
        enrolledGroups: [SALES],
        syncWindowDays: { past: 30, future: 365 },
        orgRulesLocked: false,
        updatedAt: new Date(0).toISOString(),
        updatedBy: 't',
      },
      null,
    );
    await stores.close();
    const result = await runCaptured(['rbac-script', '--app-id', APP], env());
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`ExternalDirectoryObjectId -eq '${SALES}'`);
    expect(result.stdout).not.toContain(SUPPORT);
  });

  test('with no groups anywhere it says how to name them, and prints no script', async () => {
    const result = await runCaptured(['rbac-script', '--app-id', APP], env());
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/--group/);
  });

  test('refuses ids that are not GUIDs', async () => {
    const result = await runCaptured(['rbac-script', '--app-id', 'calsync', '--group', SALES], env());
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--app-id: expected a GUID/);
  });
});

describe('calsync rbac-script with the Graph credential', () => {
  let sandbox: GraphSandbox;
  let temp: TempDir;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    sandbox = await startGraphSandbox({ scenario: { document: teamsTenant() } });
    temp = tempSqliteDir('calsync-cli-');
    env = {
      ...sandboxGraphEnv(sandbox, temp.dir),
      CALSYNC_STORE: 'sqlite',
      CALSYNC_SQLITE_PATH: temp.dbPath('calsync.db'),
    };
  });
  afterAll(async () => {
    await sandbox.stop();
    temp.remove();
  });

  test('reads the names and scopes every nested group too, since MemberOfGroup does not follow nesting', async () => {
    const result = await runCaptured(['rbac-script', '--app-id', APP, '--group', GROUP.sales], env);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`# Sales (${GROUP.sales})\n`);
    expect(result.stdout).toContain(`# Sales EMEA (${GROUP.salesEmea}), nested in ${GROUP.sales}`);
    expect(result.stdout).toContain("New-ManagementScope -Name 'CalSync - Sales EMEA'");
    expect(result.stdout.match(/^New-ManagementScope /gm)).toHaveLength(2);
    expect(result.stdout).not.toMatch(/were not read|Warning: this group has/);
  });
});

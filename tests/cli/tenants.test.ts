/** `calsync tenants`: operators list, show, plan, suspend and resume tenants against the configured store, audited. */
import { openSqliteStores } from '../../server/store/sqlite';
import { tempSqliteDir, type TempDir } from '../support/sqlite';
import { runCaptured } from './support/cli-run';

const T = 'aaaaaaaa-0000-4000-8000-00000000000a';
const U = 'bbbbbbbb-0000-4000-8000-00000000000b';

describe('calsync tenants', () => {
  let temp: TempDir;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    temp = tempSqliteDir('calsync-cli-tenants-');
    env = { CALSYNC_SQLITE_PATH: temp.dbPath('calsync.db') };
  });
  afterEach(() => temp.remove());

  const read = async (id: string) => {
    const stores = openSqliteStores({ path: env.CALSYNC_SQLITE_PATH! });
    try {
      return { record: await stores.tenants.get(id), audit: (await stores.audit.list({ tenantId: id, scopes: ['tenant'] })).items };
    } finally {
      await stores.close();
    }
  };

  it('set-plan prepares an invited tenant; activate, suspend and resume move it; list and show print it', async () => {
    expect((await runCaptured(['tenants', 'list'], env)).stdout).toContain('no tenants yet');
    const planned = await runCaptured(['tenants', 'set-plan', T, '--seats', '25', '--term-start', '2026-03-01', '--name', 'Contoso'], env);
    expect(planned.stderr).toBe('');
    expect(planned.code).toBe(0);
    expect((await read(T)).record).toMatchObject({
      status: 'invited',
      displayName: 'Contoso',
      plan: { seats: 25, termStart: '2026-03-01', termEnd: '2027-03-01', graceDays: 14 },
    });
    expect((await runCaptured(['tenants', 'activate', T, '--name', 'Contoso'], env)).code).toBe(0);
    expect((await runCaptured(['tenants', 'suspend', T], env)).code).toBe(0);
    expect((await read(T)).record?.status).toBe('suspended');
    expect((await runCaptured(['tenants', 'resume', T], env)).code).toBe(0);
    await runCaptured(['tenants', 'set-plan', U, '--seats', '10'], env);

    const list = await runCaptured(['tenants', 'list'], env);
    expect(list.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${T}  active +25 seats  `)),
      expect.stringMatching(new RegExp(`^${U}  invited +10 seats  `)),
    ]);
    const show = await runCaptured(['tenants', 'show', T], env);
    expect(show.stdout).toContain('term:         2026-03-01 to 2027-03-01');
    // set-plan, activate, suspend, resume: each audited in the tenant, by the CLI's user.
    const { audit } = await read(T);
    expect(audit).toHaveLength(4);
    expect(audit.every((e) => e.actorId.startsWith('cli:'))).toBe(true);
  });

  it('refusals exit 1 with the service code and change nothing', async () => {
    await runCaptured(['tenants', 'set-plan', T, '--seats', '20'], env);
    const before = (await read(T)).record;
    const few = await runCaptured(['tenants', 'set-plan', T, '--seats', '9'], env);
    expect(few.code).toBe(1);
    expect(few.stderr).toContain('validation_failed');
    expect(few.stderr).toContain('seats');
    const resume = await runCaptured(['tenants', 'resume', T], env);
    expect(resume.code).toBe(1);
    expect(resume.stderr).toContain('conflict');
    expect((await runCaptured(['tenants', 'show', U], env)).code).toBe(1);
    expect((await read(T)).record).toEqual(before);
  });

  it('offboard counts what would go without --yes, and with it deletes the tenant, nothing of the other', async () => {
    await runCaptured(['tenants', 'set-plan', T, '--seats', '20', '--name', 'Contoso'], env);
    await runCaptured(['tenants', 'activate', T, '--name', 'Contoso'], env);
    await runCaptured(['tenants', 'set-plan', U, '--seats', '10'], env);
    const dry = await runCaptured(['tenants', 'offboard', T], env);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('holds: audit 2');
    expect(dry.stdout).toContain('add --yes');
    expect((await read(T)).record?.status).toBe('active');

    // No Graph variables here: subscriptions would only be forgotten, and the command says so.
    const done = await runCaptured(['tenants', 'offboard', T, '--yes'], env);
    expect(done.stdout).toContain('no Graph access');
    expect(done.stdout).toContain('marked offboarded');
    expect(done.stdout).toContain('tenant record deleted');
    expect(done.stdout).toContain('nothing of it is left');
    expect(done.code).toBe(0);
    expect(await read(T)).toEqual({ record: undefined, audit: [] });
    expect((await read(U)).record?.status).toBe('invited');
    const again = await runCaptured(['tenants', 'offboard', T, '--yes'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('no such tenant');
  });
});

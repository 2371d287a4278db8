/** `calsync rules versions` and `calsync rules restore <id>`: an import from the CLI can be undone from the CLI. */
import fs from 'node:fs';
import path from 'node:path';
import { openSqliteStores } from '../../server/store/sqlite';
import { teamRules } from '../sync/support/team';
import { tempSqliteDir, type TempDir } from '../support/sqlite';
import { runCaptured } from './support/cli-run';
import { documents, rulesStore, TENANT } from './support/rules-store';

const VERSION_LINE = /^(v\d{17}_[0-9a-f]{8}) {2}\S+ {2}(\d+) rules {2}(.*) \(by calsync-cli\)$/;

describe('calsync rules versions / restore', () => {
  let temp: TempDir;
  beforeEach(() => {
    temp = tempSqliteDir('calsync-cli-');
  });
  afterEach(() => temp.remove());

  it('lists the version an import kept and restores it, audited; the restore itself can be undone', async () => {
    const store = rulesStore(temp, 'calsync.db');
    await store.seed(teamRules());
    const before = documents(await store.list('org'));
    const file = path.join(temp.dir, 'one-rule.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, scope: 'org', rules: [{ ...teamRules()[0]!, id: undefined, name: 'Only' }] }));
    expect((await runCaptured(['rules', 'import', file], store.env)).code).toBe(0);
    expect(documents(await store.list('org')).map((r) => r.name)).toEqual(['Only']);

    const none = await runCaptured(['rules', 'versions', '--scope', 'personal', '--owner', 'oid-ada'], store.env);
    expect(none.stdout).toContain('no versions of the personal rules yet');

    const listed = await runCaptured(['rules', 'versions'], store.env);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const [, id, count, why] = VERSION_LINE.exec(lines[0]!)!;
    expect([count, why]).toEqual(['4', 'before importing “one-rule.json”']);

    const restored = await runCaptured(['rules', 'restore', id!], store.env);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`restored the org rules to ${id}: 4 added, 0 changed, 1 removed`);
    expect(restored.stdout).toContain('  removed: Only');
    expect(documents(await store.list('org'))).toEqual(before);

    const stores = openSqliteStores({ path: temp.dbPath('calsync.db') });
    try {
      const [entry] = (await stores.audit.list({ tenantId: TENANT, scopes: ['org'] })).items;
      expect(entry).toMatchObject({ action: 'restore', actorId: 'calsync-cli', after: { versionId: id } });
    } finally {
      await stores.close();
    }

    const undo = VERSION_LINE.exec((await runCaptured(['rules', 'versions'], store.env)).stdout.split('\n')[0]!)!;
    expect(undo[3]).toBe('before restoring an earlier version');
    expect((await runCaptured(['rules', 'restore', undo[1]!], store.env)).code).toBe(0);
    expect(documents(await store.list('org')).map((r) => r.name)).toEqual(['Only']);
  });

  it('an unknown version is an error naming it, and nothing changes', async () => {
    const store = rulesStore(temp, 'calsync.db');
    await store.seed(teamRules());
    const before = await store.list('org');
    const missing = await runCaptured(['rules', 'restore', 'v20260101000000000_00000000'], store.env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('v20260101000000000_00000000: not_found: version not found');
    expect(await store.list('org')).toEqual(before);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { teamRules } from '../sync/support/team';
import { tempSqliteDir, type TempDir } from '../support/sqlite';
import { runCaptured } from './support/cli-run';
import type { StoredRule } from '../../server/store/types';
import { documents, rulesStore } from './support/rules-store';

const withoutIds = (rules: StoredRule[]) => documents(rules).map(({ id, ...doc }) => (void id, doc));

describe('calsync rules export → import', () => {
  let temp: TempDir;
  beforeEach(() => {
    temp = tempSqliteDir('calsync-cli-');
  });
  afterEach(() => temp.remove());

  it('carries an org rule set into another store unchanged, replacing what was there', async () => {
    const source = rulesStore(temp, 'source.db');
    const target = rulesStore(temp, 'target.db');
    await source.seed(teamRules());
    await target.seed([{ ...teamRules()[0]!, id: 'r_stale', name: 'Stale', then: { category: 'Stale', color: 'preset1', stop: false } }]);
    const file = path.join(temp.dir, 'org.json');

    const exported = await runCaptured(['rules', 'export', file], source.env);
    expect(exported).toEqual({ code: 0, stdout: `exported 4 org rules to ${file}\n`, stderr: '' });
    const body = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(body).toMatchObject({ version: 1, scope: 'org' });

    const imported = await runCaptured(['rules', 'import', file], target.env);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    // The file's ids are not rules of the target set, so the rules get fresh ids (an import never reveals
    // whether an id is used elsewhere); everything else is carried over unchanged.
    // The target store enrols no mailbox, so the import has none to re-run (tests/cli/import-resync.test.ts).
    expect(imported.stdout).toBe('imported org rules (replace): 4 created, 0 replaced, 1 deleted, 4 renamed\nre-run: no enrolled mailbox is affected\n');
    expect(withoutIds(await target.list('org'))).toEqual(withoutIds(await source.list('org')));

    // The target's own export names its rules by their ids: importing it replaces them in place.
    const own = path.join(temp.dir, 'own.json');
    expect((await runCaptured(['rules', 'export', own], target.env)).code).toBe(0);
    const reimported = await runCaptured(['rules', 'import', own], target.env);
    expect(reimported.stdout).toBe('imported org rules (replace): 0 created, 4 replaced, 0 deleted\nre-run: no enrolled mailbox is affected\n');
  });

  it('exports and imports one owner’s personal rules with --scope personal --owner', async () => {
    const source = rulesStore(temp, 'source.db');
    const target = rulesStore(temp, 'target.db');
    const personal = teamRules()
      .slice(0, 2)
      .map((r) => ({ ...r, scope: 'personal' as const }));
    await source.seed(personal, 'oid-ada');
    const file = path.join(temp.dir, 'personal.json');

    expect((await runCaptured(['rules', 'export', file, '--scope', 'personal', '--owner', 'oid-ada'], source.env)).code).toBe(0);
    const refused = await runCaptured(['rules', 'import', file], target.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--owner <oid> is required for personal rules');

    expect((await runCaptured(['rules', 'import', file, '--owner', 'oid-bo'], target.env)).code).toBe(0);
    expect(withoutIds(await target.list('personal', 'oid-bo'))).toEqual(withoutIds(await source.list('personal', 'oid-ada')));
    expect(await target.list('org')).toEqual([]);
  });
});

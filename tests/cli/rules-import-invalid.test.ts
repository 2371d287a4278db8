import fs from 'node:fs';
import path from 'node:path';
import { teamRules } from '../sync/support/team';
import { tempSqliteDir, type TempDir } from '../support/sqlite';
import { runCaptured } from './support/cli-run';
import { rulesStore } from './support/rules-store';

describe('calsync rules import of a bad file', () => {
  let temp: TempDir;
  beforeEach(() => {
    temp = tempSqliteDir('calsync-cli-');
  });
  afterEach(() => temp.remove());

  it('changes nothing and names the JSON path of the problem', async () => {
    const store = rulesStore(temp, 'calsync.db');
    await store.seed(teamRules());
    const before = await store.list('org');
    const [first, second] = teamRules();
    const file = path.join(temp.dir, 'bad.json');
    // The first rule is valid: an all-or-nothing import must not write it either.
    fs.writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        scope: 'org',
        rules: [
          { ...first, id: 'r_new' },
          { ...second, when: { field: 'subject', op: 'sounds-like', value: 'x' } },
        ],
      }),
    );

    const result = await runCaptured(['rules', 'import', file], store.env);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/nothing was imported/);
    expect(result.stderr).toMatch(/^ {2}rules\[1\]\.when(\.op)?: /m);
    expect(await store.list('org')).toEqual(before);
  });

  it('refuses a file that is not JSON, naming the file', async () => {
    const store = rulesStore(temp, 'calsync.db');
    await store.seed(teamRules());
    const before = await store.list('org');
    const file = path.join(temp.dir, 'broken.json');
    fs.writeFileSync(file, '{"version": 1, "scope": "org", "rules": [');

    const result = await runCaptured(['rules', 'import', file], store.env);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}: not JSON`);
    expect(await store.list('org')).toEqual(before);
  });
});

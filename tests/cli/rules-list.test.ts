/** `calsync rules list`: the rule set in the pane's words, never the model's identifiers (issue #13). */
import { teamRules } from '../sync/support/team';
import { tempSqliteDir, type TempDir } from '../support/sqlite';
import { rawTokensIn } from '../support/raw-identifiers';
import { runCaptured } from './support/cli-run';
import { rulesStore } from './support/rules-store';

describe('calsync rules list', () => {
  let temp: TempDir;
  beforeEach(() => {
    temp = tempSqliteDir('calsync-cli-');
  });
  afterEach(() => temp.remove());

  it('prints each org rule in evaluation order, in words, with Outlook colour names', async () => {
    const store = rulesStore(temp, 'rules.db');
    const [customer, focus, external, series] = teamRules();
    await store.seed([
      customer!,
      focus!,
      { ...external!, when: { all: [external!.when, { field: 'showAs', op: 'in', value: ['oof', 'workingElsewhere'] }] } },
      { ...series!, enabled: false, then: { ...series!.then, color: 'preset11' } },
    ]);
    const result = await runCaptured(['rules', 'list'], store.env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      '1. Customer — Subject contains "customer" → Customer (Green)',
      '2. Focus — Subject contains "focus" → Focus (Blue)',
      '3. External — Has external people and Show as is one of Out of office or Working elsewhere → External (Red)',
      '4. Series (off) — Is recurring → Series (Dark steel)',
      '',
    ]);
    expect(rawTokensIn(result.stdout)).toEqual([]);
  });

  it('says so when a set is empty', async () => {
    const store = rulesStore(temp, 'empty.db');
    await store.seed([]);
    expect(await runCaptured(['rules', 'list', '--scope', 'personal', '--owner', 'oid-ada'], store.env)).toEqual({
      code: 0,
      stdout: 'no personal rules\n',
      stderr: '',
    });
  });
});

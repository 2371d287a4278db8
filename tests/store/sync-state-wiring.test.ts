/** Each store bundle carries the sync-state repository, on its own table or container, durable across reopen. */
import { emptySyncState } from '../../server/store/sync-state';
import { openSqliteStores } from '../../server/store/sqlite';
import { STORE_KINDS, storeHarness } from '../support/stores';
import { tempSqliteDir } from '../support/sqlite';

const TENANT = 'aaaaaaaa-0000-4000-8000-00000000000a';

describe.each(STORE_KINDS)('%s store bundle', (kind) => {
  test('stores and guards mailbox sync state', async () => {
    const harness = await storeHarness(kind);
    try {
      const stores = await harness.open();
      const saved = await stores.syncState.put({ ...emptySyncState(TENANT, 'ada@contoso.com'), deltaLink: 'https://graph/delta?$deltatoken=7' }, null);
      expect((await stores.syncState.get(TENANT, 'ada@contoso.com'))?.deltaLink).toBe('https://graph/delta?$deltatoken=7');
      await expect(stores.syncState.put({ ...saved, deltaLink: 'x' }, '"stale"')).rejects.toMatchObject({ code: 'etag_mismatch' });
      expect(await stores.syncState.get('bbbbbbbb-0000-4000-8000-00000000000b', 'ada@contoso.com')).toBeUndefined();
    } finally {
      await harness.close();
    }
  });
});

test('SQLite sync state survives closing and reopening the file (migration 2)', async () => {
  const temp = tempSqliteDir();
  const file = temp.dbPath();
  try {
    const first = openSqliteStores({ path: file });
    await first.syncState.put({ ...emptySyncState(TENANT, 'bo@contoso.com'), deltaLink: 'https://graph/delta?$deltatoken=9' }, null);
    await first.close();
    const second = openSqliteStores({ path: file });
    expect((await second.syncState.get(TENANT, 'bo@contoso.com'))?.deltaLink).toBe('https://graph/delta?$deltatoken=9');
    await second.close();
  } finally {
    temp.remove();
  }
});

/** The embedded store is a file: what was written is there after a restart. */
import { openSqliteStores } from '../../server/store/sqlite';
import { tempSqliteDir } from '../support/sqlite';

test('rules, settings and audit survive closing and reopening the file', async () => {
  const temp = tempSqliteDir();
  try {
    const file = temp.dbPath();
    const first = openSqliteStores({ path: file });
    const created = await first.rules.create({
      id: 'r_durable',
      name: 'durable',
      scope: 'personal',
      enabled: true,
      order: 3,
      when: { field: 'subject', op: 'contains', value: 'x' },
      then: { category: 'A', color: 'preset2', stop: false },
      tenantId: 't',
      ownerId: 'u',
      createdAt: 'a',
      createdBy: 'u',
      updatedAt: 'a',
      updatedBy: 'u',
    });
    const settings = await first.settings.put(
      {
        tenantId: 't',
        internalDomains: ['x.com'],
        enrolledMailboxes: 'all',
        syncWindowDays: { past: 1, future: 2 },
        orgRulesLocked: true,
        updatedAt: 'a',
        updatedBy: 'u',
      },
      null,
    );
    await first.close();
    const second = openSqliteStores({ path: file });
    expect(await second.rules.get('t', 'r_durable')).toEqual(created);
    expect(await second.settings.get('t')).toEqual(settings);
    await second.close();
  } finally {
    temp.remove();
  }
});

test('a nested directory for the file is created', async () => {
  const temp = tempSqliteDir();
  try {
    const stores = openSqliteStores({ path: `${temp.dir}/nested/deeper/calsync.db` });
    await stores.ping();
    await stores.close();
  } finally {
    temp.remove();
  }
});

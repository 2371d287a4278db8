/**
 * The notification inbox's contract on SQLite and Cosmos (in-process emulator): parking is idempotent per
 * (tenant, mailbox, full); pending lists across tenants, oldest first; remove takes out only the version read,
 * so an entry parked again after the drain read it stays for the next drain.
 */
import type { NotificationInbox } from '../../server/store/notification-inbox';
import { STORE_KINDS, storeHarness, type StoreHarness } from '../support/stores';

const T1 = 'aaaaaaaa-0000-4000-8000-00000000000a';
const T2 = 'bbbbbbbb-0000-4000-8000-00000000000b';

describe.each(STORE_KINDS)('%s notification inbox', (kind) => {
  let harness: StoreHarness;
  let inbox: NotificationInbox;
  beforeAll(async () => {
    harness = await storeHarness(kind);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    inbox = (await harness.open()).notificationInbox;
  });

  test('parking the same mailbox again is one entry; full and delta rounds are separate; every tenant is listed', async () => {
    await inbox.add([{ tenantId: T1, mailboxId: 'Ada@contoso.com', full: false }]);
    await inbox.add([
      { tenantId: T1, mailboxId: 'ada@contoso.com', full: false },
      { tenantId: T1, mailboxId: 'ada@contoso.com', full: true },
      { tenantId: T2, mailboxId: 'ada@contoso.com', full: false },
    ]);
    const pending = await inbox.pending(10);
    expect(pending.map(({ tenantId, mailboxId, full }) => ({ tenantId, mailboxId: mailboxId.toLowerCase(), full }))).toEqual(
      expect.arrayContaining([
        { tenantId: T1, mailboxId: 'ada@contoso.com', full: false },
        { tenantId: T1, mailboxId: 'ada@contoso.com', full: true },
        { tenantId: T2, mailboxId: 'ada@contoso.com', full: false },
      ]),
    );
    expect(pending).toHaveLength(3);
    expect(await inbox.pending(2)).toHaveLength(2);
    for (const e of pending) await inbox.remove(e);
    expect(await inbox.pending(10)).toEqual([]);
  });

  test('an entry parked again after the drain read it survives that drain’s remove', async () => {
    await inbox.add([{ tenantId: T1, mailboxId: 'bo@contoso.com', full: false }]);
    const [read] = await inbox.pending(10);
    await inbox.add([{ tenantId: T1, mailboxId: 'bo@contoso.com', full: false }]);
    await inbox.remove(read!);
    const [again] = await inbox.pending(10);
    expect(again).toMatchObject({ tenantId: T1, mailboxId: 'bo@contoso.com', full: false });
    await inbox.remove(again!);
    expect(await inbox.pending(10)).toEqual([]);
    // Removing what is already gone is fine (another instance drained it).
    await inbox.remove(again!);
  });
});

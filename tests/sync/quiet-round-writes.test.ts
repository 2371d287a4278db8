/**
 * A round that changed nothing writes nothing to the sync-state store; the new deltaLink Graph hands out is stored
 * only every `deltaLinkEveryRounds` rounds or once the stored one is `deltaLinkMaxAgeMs` old, and a round from the
 * older link (as after a crash, in a fresh process) still sees every change. Both stores (issue 17).
 */
import { DeltaLinkCadence } from '../../server/sync/delta-link-cadence';
import type { Stores } from '../../server/store/types';
import { CountingSyncState } from '../support/counting-sync-state';
import { STORE_KINDS, storeHarness, type StoreHarness } from '../support/stores';
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, categoriesOf, editEvent, teamDocument, teamRules } from './support/team';

const HOUR = 3_600_000;
const EVERY = 4;
const MAX_AGE = 6 * HOUR;

describe.each(STORE_KINDS)('quiet rounds on %s', (kind) => {
  let stores: StoreHarness;
  let opened: Stores;
  let counted: CountingSyncState;
  let h: SyncHarness;
  let clock: number;
  const storedLink = async () => (await counted.get(h.sandbox.tenantId, ADA))?.deltaLink;

  beforeAll(async () => {
    stores = await storeHarness(kind);
  });
  afterAll(() => stores.close());

  beforeEach(async () => {
    opened = await stores.open();
    counted = new CountingSyncState(opened.syncState);
    h = await startSyncHarness({
      document: teamDocument(),
      rules: teamRules(),
      syncState: counted,
      tuning: { deltaLinkEveryRounds: EVERY, deltaLinkMaxAgeMs: MAX_AGE },
    });
    // An hour into a UTC day: the window (and so the config hash) moves at midnight, which makes a full round.
    clock = Math.floor(Date.now() / (24 * HOUR)) * 24 * HOUR + HOUR;
    h.deps.now = () => new Date(clock);
    await h.round(ADA);
    // Reads the first sweep's own writes back and changes nothing; without a cadence its new link is stored.
    await h.round(ADA);
    h.deps.deltaLinks = new DeltaLinkCadence();
    counted.reset();
  });
  afterEach(() => h.close());

  test(`no store write in ${EVERY - 1} quiet rounds; the ${EVERY}th stores Graph's newer deltaLink, once`, async () => {
    const before = await storedLink();
    counted.reset();
    for (let i = 1; i < EVERY; i++) {
      clock += 60_000;
      expect(await h.round(ADA)).toMatchObject({ requests: 1, patches: 0, committed: true, stateWrites: 0 });
    }
    expect(counted.puts).toBe(0);
    expect(await storedLink()).toBe(before);
    clock += 60_000;
    expect(await h.round(ADA)).toMatchObject({ patches: 0, committed: true, stateWrites: 1 });
    expect(counted.puts).toBe(1);
    const after = await storedLink();
    expect(after).not.toBe(before);
    expect((await counted.get(h.sandbox.tenantId, ADA))!.deltaLinkAt).toBe(new Date(clock).toISOString());
  });

  test('without a cadence every quiet round stores its new deltaLink (the behaviour before)', async () => {
    h.deps.deltaLinks = undefined;
    for (let i = 0; i < 3; i++) expect(await h.round(ADA)).toMatchObject({ patches: 0, stateWrites: 1 });
    expect(counted.puts).toBe(3);
  });

  test('a quiet round stores the new deltaLink once the stored one is deltaLinkMaxAgeMs old', async () => {
    clock += MAX_AGE - 1;
    expect(await h.round(ADA)).toMatchObject({ stateWrites: 0 });
    clock += 1;
    expect(await h.round(ADA)).toMatchObject({ stateWrites: 1 });
    expect(counted.puts).toBe(1);
  });

  test('a round with a change stores at once; from a kept older link a fresh process still sees every change', async () => {
    await h.round(ADA);
    await h.round(ADA);
    expect(counted.puts).toBe(0);
    editEvent(h.sandbox, ADA, 'Lunch', { subject: 'Lunch with customer' });
    // A fresh process (the one that kept the link died): its count starts again, the stored link is the older one.
    h.deps.deltaLinks = new DeltaLinkCadence();
    const report = await h.round(ADA);
    expect(report).toMatchObject({ stamped: 1, patches: 1, committed: true });
    // Stored at the end too: the written event is no longer pending, and the link is the one after the change.
    const stored = (await counted.get(h.sandbox.tenantId, ADA))!;
    expect(stored.pending).toEqual([]);
    expect(stored.deltaLinkAt).toBe(new Date(clock).toISOString());
    expect(categoriesOf(h.sandbox, ADA, 'Lunch with customer')).toEqual(['Customer']);
    // The round after reads its own write back (it plans nothing) and writes nothing.
    counted.reset();
    expect(await h.round(ADA)).toMatchObject({ patches: 0, stateWrites: 0 });
    expect(counted.puts).toBe(0);
  });
});

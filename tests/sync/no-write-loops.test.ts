/** The sync's own writes come back through delta; they must cause no further writes. */
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, BO, editEvent, teamDocument, teamRules } from './support/team';

describe('no write loops', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await startSyncHarness({ document: teamDocument(), rules: teamRules() });
  });
  afterAll(() => h.close());

  test('the round after a full sync sees its own writes and makes zero PATCHes', async () => {
    const first = await h.round(ADA);
    expect(first.stamped).toBeGreaterThan(0);
    const second = await h.round(ADA);
    expect(second.fullRound).toBe(false);
    expect(second.eventsScanned).toBeGreaterThan(0); // the stamps came back through delta
    expect(second).toMatchObject({ changed: 0, patches: 0, stamped: 0, recordsRead: 0, committed: true });
  });

  test('a round with no change makes exactly one request for the mailbox: the delta call', async () => {
    h.sandbox.accounting.reset();
    const report = await h.round(ADA);
    expect(report).toMatchObject({ requests: 1, eventsScanned: 0, patches: 0, committed: true });
    const mailbox = h.sandbox.accounting.snapshot().byMailbox[ADA]!;
    expect(mailbox.reads + mailbox.writes).toBe(1);
    expect(h.sandbox.accounting.snapshot().batches).toBe(0);
  });

  test('an edit that changes nothing CalSync cares about is read and left alone', async () => {
    editEvent(h.sandbox, ADA, 'Customer kickoff', { body: { contentType: 'text', content: 'agenda attached' } });
    h.sandbox.accounting.reset();
    const report = await h.round(ADA);
    expect(report).toMatchObject({ eventsScanned: 1, changed: 0, patches: 0, requests: 1 });
  });

  test("an organizer's change reaching an attendee copy is evaluated in the attendee's mailbox without loops", async () => {
    await h.round(BO);
    await h.round(BO);
    h.sandbox.accounting.reset();
    const quiet = await h.round(BO);
    expect(quiet).toMatchObject({ requests: 1, patches: 0 });
  });
});

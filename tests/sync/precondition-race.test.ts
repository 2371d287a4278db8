/**
 * 412: the event changes between the delta read and the PATCH. The interceptor edits the event in the
 * sandbox just before the first write batch goes out, so the race happens every run, at the same point.
 */
import type { Context } from '@microsoft/microsoft-graph-client';
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, categoriesOf, editEvent, eventsOf, teamDocument, teamRules } from './support/team';

describe('412 race', () => {
  let h: SyncHarness;
  let armed: ((context: Context) => void) | null = null;
  beforeAll(async () => {
    h = await startSyncHarness({
      document: teamDocument(),
      rules: teamRules(),
      beforeSend: (context) => {
        const url = typeof context.request === 'string' ? context.request : context.request.url;
        if (armed && url.endsWith('/$batch') && String(context.options?.body ?? '').includes('"PATCH"')) {
          const hook = armed;
          armed = null;
          hook(context);
        }
      },
    });
  });
  afterAll(() => h.close());

  test('a person edits categories between read and write: the write is re-planned on the fresh event, nothing is lost', async () => {
    armed = () => editEvent(h.sandbox, ADA, 'Customer kickoff', { categories: ['Personal'] });
    const report = await h.round(ADA);
    expect(report.preconditionFailed).toBe(1);
    expect(report).toMatchObject({ failed: 0, committed: true });
    // The person's category survives, and the rule's is added on top of the fresh state.
    expect(categoriesOf(h.sandbox, ADA, 'Customer kickoff')).toEqual(['Personal', 'Customer']);
    expect(
      h.sandbox.accounting.snapshot().byMailbox[ADA]!.patchesByEventId[
        [...h.sandbox.store.mailbox(ADA).events.values()].find((e) => e.subject === 'Customer kickoff')!.id
      ],
    ).toBe(2);
  });

  test('an edit that makes the rule stop matching is honoured: the re-read plan writes only what still applies', async () => {
    await h.round(ADA);
    editEvent(h.sandbox, ADA, 'Lunch', { subject: 'Lunch with customer' });
    armed = () => editEvent(h.sandbox, ADA, 'Lunch with customer', { subject: 'Lunch alone' });
    const report = await h.round(ADA);
    expect(report.preconditionFailed).toBe(1);
    expect(categoriesOf(h.sandbox, ADA, 'Lunch alone')).toEqual([]);
    const quiet = await h.round(ADA);
    expect(quiet.patches).toBe(0);
  });

  test('an event deleted between read and write is dropped (404), and the round still commits', async () => {
    editEvent(h.sandbox, ADA, 'Lunch alone', { subject: 'Focus lunch' });
    armed = () => {
      const mailbox = h.sandbox.store.mailbox(ADA);
      const e = [...mailbox.events.values()].find((x) => x.subject === 'Focus lunch')!;
      mailbox.events.delete(e.id); // gone without trace, as a hard delete would be
    };
    const report = await h.round(ADA);
    expect(report).toMatchObject({ failed: 0, committed: true, stamped: 0 });
  });

  test('every write of a one-chain batch meets a 412: each send settles the head, the rest (424) go again until done', async () => {
    await h.round(ADA);
    h.deps.backoff = { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50, random: () => 0.5 };
    h.rules = teamRules().map((r) => ({ ...r, then: { ...r.then, category: `${r.then.category} v2` } }));
    armed = () => {
      for (const e of eventsOf(h.sandbox, ADA).values()) editEvent(h.sandbox, ADA, e.subject, { body: { contentType: 'text', content: 'edited meanwhile' } });
    };
    const report = await h.round(ADA);
    expect(report.preconditionFailed).toBeGreaterThan(2);
    expect(report).toMatchObject({ failed: 0, committed: true });
    expect(categoriesOf(h.sandbox, ADA, 'Customer kickoff')).toEqual(['Personal', 'Customer v2']);
    expect(categoriesOf(h.sandbox, ADA, 'Weekly customer review')).toEqual(['Customer v2', 'Series v2']);
  });
});

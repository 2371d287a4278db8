/**
 * The round's PATCHes ask for `Prefer: return=minimal` (it never reads a PATCH's answer), and a write counts
 * as done on 204 — and on 200, from a Graph that does not honour the preference.
 */
import type { Context } from '@microsoft/microsoft-graph-client';
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, BO, categoriesOf, eventsOf, teamDocument, teamRules } from './support/team';

interface InnerRequest {
  method: string;
  headers?: Record<string, string>;
}

describe('minimal PATCH answers', () => {
  let h: SyncHarness;
  const patches: InnerRequest[] = [];
  let ignorePreference = false;
  beforeAll(async () => {
    h = await startSyncHarness({
      document: teamDocument(),
      rules: teamRules(),
      beforeSend: (context: Context) => {
        const url = typeof context.request === 'string' ? context.request : context.request.url;
        if (!url.endsWith('/$batch') || typeof context.options?.body !== 'string') return;
        const batch = JSON.parse(context.options.body) as { requests: InnerRequest[] };
        for (const r of batch.requests.filter((x) => x.method === 'PATCH')) {
          patches.push(structuredClone(r));
          // A Graph that ignores the preference: the sandbox then answers 200 with the whole event.
          if (ignorePreference && r.headers) delete r.headers.Prefer;
        }
        context.options.body = JSON.stringify(batch);
      },
    });
  });
  afterAll(() => h.close());

  test('every PATCH asks for return=minimal, keeps its If-Match, and the 204s count as stamped', async () => {
    const report = await h.round(ADA);
    expect(report).toMatchObject({ stamped: 5, patches: 5, failed: 0, committed: true });
    expect(patches).toHaveLength(5);
    for (const p of patches) expect(p.headers).toMatchObject({ Prefer: 'return=minimal', 'If-Match': expect.stringMatching(/^W\/"/) });
    expect(categoriesOf(h.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    expect(eventsOf(h.sandbox, ADA).get('Customer kickoff')!.record).toEqual({ stamped: ['Customer'], suppressed: [] });
    expect((await h.round(ADA)).patches).toBe(0);
  });

  test('a 200 with the event (the preference not honoured) is a successful write too', async () => {
    ignorePreference = true;
    const report = await h.round(BO);
    expect(report).toMatchObject({ failed: 0, committed: true });
    expect(report.stamped).toBe(report.patches);
    expect(report.stamped).toBeGreaterThan(0);
    expect(categoriesOf(h.sandbox, BO, 'Focus on taxes')).toEqual(['Focus']);
    expect((await h.round(BO)).patches).toBe(0);
  });
});

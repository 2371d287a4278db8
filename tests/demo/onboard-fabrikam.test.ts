/**
 * The demo's second organisation (issue #15): Fabrikam is not a customer when the demo starts, so the sync leaves
 * its mailboxes alone; walking /onboard — the demo's stand-in for Entra's consent page, Accept — makes it active, and
 * its calendars are coloured by the rules its admin prepared, without a restart. Rounds are waited for as events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DEMO_TENANT_ID } from '../../demo/demo-identities';
import { FABRIKAM_PEOPLE, FABRIKAM_TENANT_ID } from '../../demo/fabrikam';
import { startDemo, type RunningDemo } from '../../demo/start-demo';
import type { JobOutcome } from '../../server/sync/mailbox-worker';

jest.setTimeout(180_000);

let dataDir: string;
let demo: RunningDemo;
const outcomes: JobOutcome[] = [];
const listeners = new Set<() => void>();

function whenOutcomes(test: (seen: JobOutcome[]) => boolean): Promise<void> {
  return new Promise((done) => {
    const check = (): void => {
      if (!test(outcomes)) return;
      listeners.delete(check);
      done();
    };
    listeners.add(check);
    check();
  });
}
const doneFor = (seen: JobOutcome[], tenantId: string) =>
  seen.filter((o): o is Extract<JobOutcome, { kind: 'done' }> => o.kind === 'done' && o.message.job.tenantId === tenantId);
const unescape = (s: string) => s.replace(/&amp;/g, '&');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'calsync-demo-fabrikam-'));
  demo = await startDemo({
    port: 0,
    dataDir,
    logger: pino({ level: 'silent' }),
    onJobDone: (outcome) => {
      outcomes.push(outcome);
      for (const listener of [...listeners]) listener();
    },
  });
});

afterAll(async () => {
  await demo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('Fabrikam is left alone until it signs up; after Accept its calendars are coloured', async () => {
  // Contoso's first sweep happens; Fabrikam, with no tenant record, gets no round.
  await whenOutcomes((seen) => new Set(doneFor(seen, DEMO_TENANT_ID).map((o) => o.message.job.mailboxId)).size >= 3);
  expect(outcomes.filter((o) => o.message.job.tenantId === FABRIKAM_TENANT_ID)).toEqual([]);
  expect(demo.urls.onboard).toBe(demo.urls.api.replace(/\/api$/, '/onboard'));

  // Jordan, Fabrikam's admin, can sign in to the task pane, but the API turns Fabrikam away until it signs up.
  const jordanMe = async () => {
    const token = await (await fetch(`${demo.urls.api.replace(/\/api$/, '')}/demo/token?user=jordan`)).text();
    return fetch(`${demo.urls.api}/me`, { headers: { authorization: `Bearer ${token}` } });
  };
  const before = await jordanMe();
  expect(before.status).toBe(403);
  expect(((await before.json()) as { code: string }).code).toBe('tenant_not_onboarded');

  const start = await fetch(demo.urls.onboard);
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0]!;
  const consentUrl = unescape(/<a class="button" href="([^"]+)"/.exec(await start.text())![1]!);
  const entraPage = await (await fetch(consentUrl)).text();
  expect(entraPage).toContain('global administrator of <strong>Fabrikam</strong>');
  const accept = unescape(/<a class="accept" href="([^"]+)"/.exec(entraPage)![1]!);
  const answered = await fetch(new URL(accept, consentUrl), { redirect: 'manual' });
  expect(answered.status).toBe(302);
  const welcome = await fetch(answered.headers.get('location')!, { headers: { cookie } });
  expect(welcome.status).toBe(200);
  expect(await welcome.text()).toContain('Fabrikam uses CalSync now');
  // The API's tenant gate trusts a record it read for up to 30 s; this instance's own write shows at once.
  const after = await jordanMe();
  expect(after.status).toBe(200);
  expect(((await after.json()) as { isAdmin: boolean }).isAdmin).toBe(true);

  // Served within a scheduler tick of the record turning active: both people's rounds stamp their events.
  await whenOutcomes((seen) =>
    FABRIKAM_PEOPLE.every((upn) => doneFor(seen, FABRIKAM_TENANT_ID).some((o) => o.message.job.mailboxId.toLowerCase() === upn && o.report.stamped > 0)),
  );
});

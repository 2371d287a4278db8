/**
 * The soak, short: 50 s (20 s of it warm-up) of rule edits and event churn against the `npm start` stack in its own process, with the
 * same bounds as `npm run soak` (10 minutes) except memory, which a run this short can only check coarsely (see
 * soak-bounds.ts). Fails on growing handles, gross memory growth, a stuck mailbox, an event left with the wrong
 * category, a failed churn action, or an unclean stop.
 */
import path from 'node:path';
import { SHORT_RUN_MAX_RSS_GROWTH_PCT, soakVerdict } from './soak-bounds';
import { runSoak, type SoakReport } from './soak-run';
import { artifactPath } from '../addin/support/browser-harness';
import fs from 'node:fs';

jest.setTimeout(420_000);

test('50 s of churn: handles and memory bounded, nothing stuck, every event right, clean stop', async () => {
  const report: SoakReport = await runSoak({
    durationMs: 50_000,
    warmupMs: 20_000,
    sampleEveryMs: 5_000,
    addinBuildDir: path.resolve(__dirname, '../../data/soak-addin-build'),
  });
  fs.writeFileSync(artifactPath('short-soak.json'), `${JSON.stringify(report, null, 2)}\n`);
  expect(soakVerdict(report, SHORT_RUN_MAX_RSS_GROWTH_PCT)).toEqual([]);
  expect(report.actions.eventCreates).toBeGreaterThan(10);
  expect(report.actions.ruleEdits).toBeGreaterThan(2);
});

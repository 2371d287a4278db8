/**
 * npm run bench:addin — builds the production add-in, then reports:
 *   taskpaneGzKb: gzipped JS the task pane loads before first render (entry + static imports);
 *   launchEventGzKb: the gzipped compose-time handler bundle;
 *   firstRenderMs: navigation start → the pane's first commit (its 'calsync:first-render' mark), median
 *   of 5 cold loads in headless chromium with the packaged office.js and the Outlook host shim.
 * Last line: {"taskpaneGzKb":…,"launchEventGzKb":…,"firstRenderMs":…}. Targets ≤ 200, ≤ 30, ≤ 1000.
 */
import { buildAddin, distDir } from '../../addin/scripts/build-addin';
import { measureBundles } from '../../addin/scripts/bundle-size';
import { launchChromium, openTaskpane, startAddinServer } from '../addin/support/browser-harness';

const RUNS = 5;
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

async function firstRenderTimes(): Promise<number[]> {
  const server = await startAddinServer(distDir);
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const page = await openTaskpane(browser, server.url); // a new page each run: nothing cached in memory
      await page.waitForFunction(() => performance.getEntriesByName('calsync:first-render').length > 0, null, { timeout: 30_000 });
      times.push(await page.evaluate(() => performance.getEntriesByName('calsync:first-render')[0]!.startTime));
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return times;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  await buildAddin();
  const sizes = measureBundles(distDir);
  console.log(`task pane initial load: ${sizes.initialFiles.join(', ')}`);
  const times = await firstRenderTimes();
  console.log(`first render (ms), ${RUNS} runs: ${times.map((t) => t.toFixed(0)).join(', ')}`);
  console.log(JSON.stringify({ taskpaneGzKb: kb(sizes.initialGzBytes), launchEventGzKb: kb(sizes.launchEventGzBytes), firstRenderMs: Math.round(median(times)) }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

/**
 * npm run bench:addin — builds the production add-in with a dummy client id and API scope (so the pane's
 * sign-in code runs as on a real open: useRules.load → api.me → account.accessToken → import() of MSAL),
 * into a temporary directory, then reports:
 *   taskpaneGzKb: gzipped JS the task pane fetches from its own origin between page load and idle after its
 *     first render (no request for 500 ms), largest of 5 cold loads; the JS fetched before first render is
 *     printed too. Sign-in cannot finish here (there is no Entra ID), so the pane ends on its error bar: a
 *     real open fetches the same, less the error bar (static anyway) — more only for admins (the section tabs)
 *     and when a rule uses `matches` (RE2, ~44 KB);
 *   launchEventGzKb: the gzipped compose-time handler bundle;
 *   firstRenderMs: navigation start → the pane's first commit (its 'calsync:first-render' mark), median
 *     of the 5 loads, in headless chromium with the packaged office.js and the Outlook host shim.
 * Last line: {"taskpaneGzKb":…,"launchEventGzKb":…,"firstRenderMs":…}. Targets ≤ 200, ≤ 30, ≤ 1000.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildAddin } from '../../addin/scripts/build-addin';
import { gzBytes, initialFiles } from '../../addin/scripts/bundle-size';
import { launchChromium, openTaskpane, startAddinServer } from '../addin/support/browser-harness';

const RUNS = 5;
const QUIET_MS = 500;
/** Not a real app registration: enough for the pane to start MSAL, which then fails to sign in. */
const DUMMY_CONFIG = { clientId: '00000000-0000-4000-8000-00000000be4c', apiScope: 'api://calsync.bench/00000000-0000-4000-8000-00000000be4c/Rules.ReadWrite' };

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

interface Load {
  firstRenderMs: number;
  beforeRender: string[];
  untilIdle: string[];
}

/** Resolves once no request of the page has been in flight for QUIET_MS (counting from the call). */
function networkIdle(page: Page, inFlight: Set<unknown>): Promise<void> {
  return new Promise((done) => {
    let timer: NodeJS.Timeout | undefined;
    const check = () => {
      clearTimeout(timer);
      if (inFlight.size === 0) timer = setTimeout(finish, QUIET_MS);
    };
    const finish = () => {
      page.off('request', check).off('requestfinished', check).off('requestfailed', check);
      done();
    };
    page.on('request', check).on('requestfinished', check).on('requestfailed', check);
    check();
  });
}

async function load(browser: Awaited<ReturnType<typeof launchChromium>>, baseUrl: string): Promise<Load> {
  const inFlight = new Set<unknown>();
  // Requests are tracked from before navigation: openTaskpane navigates, and scripts start at once.
  const page = await openTaskpane(browser, baseUrl, undefined, (p) => {
    p.on('request', (r) => inFlight.add(r));
    p.on('requestfinished', (r) => inFlight.delete(r));
    p.on('requestfailed', (r) => inFlight.delete(r));
  });
  await page.waitForFunction(() => performance.getEntriesByName('calsync:first-render').length > 0, null, { timeout: 30_000 });
  await networkIdle(page, inFlight);
  const seen = await page.evaluate((origin) => {
    const render = performance.getEntriesByName('calsync:first-render')[0]!.startTime;
    const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
      (e) => e.name.startsWith(origin) && new URL(e.name).pathname.endsWith('.js'),
    );
    return { render, js: js.map((e) => ({ path: new URL(e.name).pathname, loaded: e.responseEnd })) };
  }, new URL(baseUrl).origin);
  await page.close();
  return {
    firstRenderMs: seen.render,
    // Loaded before the first commit (MSAL's import() starts in that commit's effects, just before the mark).
    beforeRender: seen.js.filter((e) => e.loaded < seen.render).map((e) => e.path.slice(1)),
    untilIdle: seen.js.map((e) => e.path.slice(1)),
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const dist = mkdtempSync(join(tmpdir(), 'calsync-bench-addin-'));
  try {
    await buildAddin({ outDir: dist, config: DUMMY_CONFIG });
    const server = await startAddinServer(dist);
    const browser = await launchChromium();
    const loads: Load[] = [];
    try {
      for (let i = 0; i < RUNS; i++) loads.push(await load(browser, server.url)); // a new page (and context) each run: a cold cache
    } finally {
      await browser.close();
      await server.close();
    }
    const size = (files: string[]) => files.reduce((n, f) => n + gzBytes(join(dist, f)), 0);
    const largest = (pick: (l: Load) => string[]) => loads.map(pick).sort((a, b) => size(b) - size(a))[0]!;
    const before = largest((l) => l.beforeRender);
    const idle = largest((l) => l.untilIdle);
    const missing = initialFiles(dist).filter((f) => !before.includes(f));
    if (missing.length > 0) throw new Error(`the browser did not fetch statically imported ${missing.join(', ')} before first render`);
    const list = (files: string[]) => files.map((f) => `${f} ${kb(gzBytes(join(dist, f)))}`).join(', ');
    console.log(`task pane JS before first render: ${kb(size(before))} KB gz (${list(before)})`);
    console.log(`task pane JS until idle after first render: ${kb(size(idle))} KB gz (${list(idle)})`);
    console.log(`first render (ms), ${RUNS} runs: ${loads.map((l) => l.firstRenderMs.toFixed(0)).join(', ')}`);
    console.log(
      JSON.stringify({
        taskpaneGzKb: kb(size(idle)),
        launchEventGzKb: kb(gzBytes(join(dist, 'launchevent.js'))),
        firstRenderMs: Math.round(median(loads.map((l) => l.firstRenderMs))),
      }),
    );
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

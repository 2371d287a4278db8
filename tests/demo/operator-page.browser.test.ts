/**
 * The operator page in headless Chromium against the demo (issue #15): signing in as Olivia through the demo's
 * Entra stand-in (an ID token posted back by form, the browser carrying the state and session cookies itself),
 * progress while the rows load, the table of tenants, and a Contoso admin refused — axe 0 serious on each page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { DEMO_TENANT_ID } from '../../demo/demo-identities';
import { startDemo, type RunningDemo } from '../../demo/start-demo';
import { artifactPath, launchChromium, seriousAxeViolations } from '../addin/support/browser-harness';

jest.setTimeout(120_000);

let dataDir: string;
let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'calsync-demo-operator-'));
  [demo, browser] = await Promise.all([startDemo({ port: 0, dataDir, logger: pino({ level: 'silent' }) }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** `bypassCSP` only so axe can be evaluated; the page's own script is served from its origin either way. */
async function newPage(): Promise<Page> {
  return browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
}

test('Olivia signs in, sees progress while the rows load, then every tenant with its counts', async () => {
  const page = await newPage();
  // Hold the rows until the progress has been seen: an event, not a sleep.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/operator/tenants', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(demo.urls.operator);
  await page.getByRole('button', { name: 'Olivia Ops (CalSync operator)' }).click();
  const progress = page.getByRole('progressbar', { name: 'Loading tenants' });
  await progress.waitFor({ state: 'visible' });
  expect(await page.getByText('Signed in as').textContent()).toContain('Olivia Ops');
  expect(await seriousAxeViolations(page)).toEqual([]);
  release();

  const table = page.getByRole('table');
  await table.waitFor({ state: 'visible' });
  await progress.waitFor({ state: 'hidden' });
  const contoso = page.getByRole('row').filter({ hasText: DEMO_TENANT_ID });
  await contoso.waitFor();
  const cells = await contoso.getByRole('cell').allTextContents();
  // Status, seats used / bought (the demo team enrolled, 50 bought), term end, then the sync's numbers.
  expect(cells[0]).toBe('Active');
  expect(cells[1]).toMatch(/^\d+ \/ 50$/);
  expect(cells.slice(3, 6).every((c) => /^\d+$/.test(c))).toBe(true);
  expect(await page.getByRole('columnheader').allTextContents()).toEqual([
    'Organisation',
    'Status',
    'Seats used / bought',
    'Term ends',
    'Synced in the last hour',
    'Failing mailboxes',
    '429s in the last hour',
    'Last successful round',
  ]);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.screenshot({ path: artifactPath('operator-page.png'), fullPage: true });
  await page.close();
});

test('a Contoso admin who is no operator is refused, and the refusal says why', async () => {
  const page = await newPage();
  await page.goto(demo.urls.operator);
  await page.getByRole('button', { name: /Megan Bowen/ }).click();
  await page.getByRole('heading', { name: 'You cannot open the operator page' }).waitFor();
  expect(await page.textContent('main')).toContain('belongs to another organisation');
  expect(await seriousAxeViolations(page)).toEqual([]);
  // No session came of it: the page sends the browser to sign in again.
  await page.goto(demo.urls.operator);
  await page.getByRole('heading', { name: 'Pick an account' }).waitFor();
  await page.close();
});

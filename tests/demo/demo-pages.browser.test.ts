/**
 * The demo's pages in headless chromium, against `startDemo` in this process (ephemeral port, temp data
 * directory; the demo builds its add-in there). Every request that is not to the demo server is aborted:
 * the pages, office.js and the task pane must work with no internet. Screenshots: test-artifacts/
 * team-calendar.png and demo-taskpane.png (the README embeds them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../demo/start-demo';
import { artifactPath, axeViolations, launchChromium } from '../addin/support/browser-harness';

jest.setTimeout(120_000);

let dataDir: string;
let demo: RunningDemo;
let browser: Browser;
let origin: string;
const blocked: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'calsync-demo-pages-'));
  [demo, browser] = await Promise.all([startDemo({ port: 0, dataDir, logger: pino({ level: 'silent' }) }), launchChromium()]);
  origin = new URL(demo.urls.api).origin;
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** `bypassCSP` only to inject axe-core (an inline script the pages' policy rightly refuses). */
async function openLocal(url: string, viewport: { width: number; height: number }, options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport, bypassCSP: options.bypassCSP ?? false });
  await page.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(`${origin}/`)) return route.continue();
    blocked.push(target);
    return route.abort();
  });
  await page.goto(url);
  return page;
}

/**
 * Found and read in one task in the page: the live calendar re-renders its events, and an element a locator
 * resolved a moment earlier may already be detached (its computed style is then empty).
 */
const background = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return el ? getComputedStyle(el).backgroundColor : null;
  }, selector);

/** Polls `read` until `ok` holds (or the timeout passes), then returns the last value for the assertion. */
async function settle<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

async function token(user: string): Promise<string> {
  return (await fetch(`${origin}/demo/token?user=${user}`)).text();
}

test('the team calendar draws stamped events in their Outlook colours, live, with a before/after toggle', async () => {
  const page = await openLocal(demo.urls.teamCalendar, { width: 1440, height: 1000 });
  // The sync's first round runs at start: this week has meetings with Fabrikam / Northwind and 1:1s.
  const external = page.locator('.event[data-category="External"][data-stamped="true"]').first();
  await external.waitFor({ timeout: 15_000 });
  expect(await background(page, '.event[data-category="External"][data-stamped="true"]')).toBe('rgb(231, 72, 78)'); // preset0 #e7484e
  await page.locator('.event[data-category="1:1"][data-stamped="true"]').first().waitFor();
  expect(await background(page, '.event[data-category="1:1"][data-stamped="true"]')).toBe('rgb(76, 184, 96)'); // preset4 #4cb860
  expect(await page.locator('section.person').count()).toBeGreaterThanOrEqual(6);
  await page.screenshot({ path: artifactPath('team-calendar.png'), fullPage: true });

  const audited = await openLocal(demo.urls.teamCalendar, { width: 1440, height: 1000 }, { bypassCSP: true });
  await audited.locator('.event[data-stamped="true"]').first().waitFor();
  const serious = (await axeViolations(audited)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious).toEqual([]);
  await audited.close();

  // Before CalSync: the same event without the category CalSync stamped (nothing else was on it).
  const id = (await external.getAttribute('data-event-id')) as string;
  const sameEvent = `.event[data-event-id="${id}"]`;
  await page.locator('label[for="view-before"]').click();
  await expect(page.locator(sameEvent).first().getAttribute('data-category')).resolves.toBe('');
  expect(await background(page, sameEvent)).toBe('rgb(255, 255, 255)');
  // A category the person set themselves stays in the before view (Johanna's Focus time, blue in her list).
  expect(await page.locator('.event[data-category="Focus"]').count()).toBeGreaterThan(0);
  expect(await page.locator('.event[data-stamped="true"]').count()).toBe(0);
  await page.locator('label[for="view-after"]').click();
  expect(await background(page, sameEvent)).toBe('rgb(231, 72, 78)');

  // A rule saved through the API shows on the open page within seconds (the page polls every 2 s).
  const created = await fetch(`${origin}/api/rules`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await token('megan')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      name: 'Design reviews',
      scope: 'org',
      when: { field: 'subject', op: 'contains', value: 'Design review' },
      then: { category: 'Design', color: 'preset5' },
    }),
  });
  expect(created.status).toBe(201);
  await page.locator('.event[data-category="Design"][data-stamped="true"]').first().waitFor({ timeout: 10_000 });
  expect(await background(page, '.event[data-category="Design"]')).toBe('rgb(64, 191, 169)'); // preset5 #40bfa9
  await page.close();
  expect(blocked).toEqual([]);
});

test('the host page runs the real task pane as Megan (admin) and as Adele (user), offline', async () => {
  const page = await openLocal(demo.urls.hostPage, { width: 1280, height: 900 });
  const pane = page.frameLocator('#taskpane');
  await pane.getByText('Meetings with people outside Contoso').first().waitFor({ timeout: 20_000 });
  await pane.getByRole('tab', { name: 'Admin' }).waitFor(); // the tabs load apart, once the pane knows an admin is signed in
  await expect(pane.getByRole('tab', { name: 'Admin' }).count()).resolves.toBe(1);
  await expect(page.locator('#appointment-subject').textContent()).resolves.not.toMatch(/Loading|No upcoming/);
  await page.screenshot({ path: artifactPath('demo-taskpane.png') });
  // The "next 7 days" preview loads by itself, reading the signed-in person's events through the demo's calendar route.
  await pane.getByRole('list', { name: /Your next 7 days/ }).waitFor({ timeout: 10_000 });
  expect(
    await pane
      .getByRole('list', { name: /Your next 7 days/ })
      .getByRole('listitem')
      .count(),
  ).toBeGreaterThan(0);

  await page.locator('label[for="user-adele"]').click();
  expect(
    await settle(
      () => page.locator('#taskpane').getAttribute('src'),
      (src) => !!src?.includes('user=adele'),
    ),
  ).toContain('user=adele');
  await pane.getByText('Meetings with people outside Contoso').first().waitFor({ timeout: 20_000 });
  // Adele is not a CalSync admin: no Admin tab; the shim opened one of her own meetings.
  expect(
    await settle(
      () => pane.getByRole('tab', { name: 'Admin' }).count(),
      (n) => n === 0,
    ),
  ).toBe(0);
  const shim = await page
    .frame({ url: /taskpane\.html\?user=adele/ })
    ?.evaluate(
      () =>
        (window as unknown as { Office: { context: { mailbox: { userProfile: { emailAddress: string } } } } }).Office.context.mailbox.userProfile.emailAddress,
    );
  expect(shim).toBe('adele@contoso.com');
  await page.close();
  expect(blocked).toEqual([]);
});

/**
 * The built launch-event bundle (launchevent.html + the IIFE launchevent.js, RE2 stubbed out) in chromium
 * with the packaged office.js and the Outlook host shim: it registers the four handlers the manifest names,
 * and a fired event stamps the cached rules' categories and completes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { HANDLER_NAMES } from '../../addin/launchevent/launchevent';
import { RULES_CACHE_KEY } from '../../addin/office/rules-cache';
import type { StaticServer } from '../../addin/scripts/static-server';
import { buildTestBundle, launchChromium, openPage, startAddinServer } from './support/browser-harness';
import { apiRule, externalRule } from './support/rule-factories';

jest.setTimeout(120_000);

let dist: string;
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  dist = await buildTestBundle(mkdtempSync(join(tmpdir(), 'calsync-launch-')));
  browser = await launchChromium();
  server = await startAddinServer(dist);
});

afterAll(async () => {
  await server?.close();
  await browser?.close();
  rmSync(dist, { recursive: true, force: true });
});

const rules = [
  externalRule({ id: 'r_ext' }),
  // A pattern rule the handler leaves to the server: the bundle has no RE2, and must not need it.
  apiRule({ id: 'r_pat', name: 'Pattern', when: { all: [{ field: 'subject', op: 'matches', value: '^quarterly' }] }, then: { category: 'Pattern', color: 'preset3', stop: false } }),
];

it('registers the manifest handlers and stamps categories from the cache', async () => {
  const page = await openPage(browser, `${server.url}/launchevent.html`, {
    subject: 'Quarterly review with Fabrikam',
    location: '',
    body: '',
    start: '2026-03-02T09:00:00Z',
    end: '2026-03-02T10:00:00Z',
    organizer: { emailAddress: 'ana@contoso.com', displayName: 'Ana' },
    requiredAttendees: [{ emailAddress: 'bo@fabrikam.com', displayName: 'Bo' }],
    optionalAttendees: [],
    categories: [],
    me: 'ana@contoso.com',
    roaming: { [RULES_CACHE_KEY]: JSON.stringify({ v: 1, savedAt: '2026-01-01T00:00:00Z', internalDomains: ['contoso.com'], rules }) },
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.waitForFunction(() => Object.keys((window as unknown as { __outlookShim: { associated: object } }).__outlookShim.associated).length === 4);
  const result = await page.evaluate(async () => {
    const shim = (window as unknown as { __outlookShim: { associated: Record<string, (e: unknown) => Promise<void>>; itemCategories: string[]; masterCategories: unknown[] } }).__outlookShim;
    let completed = 0;
    await shim.associated.onNewAppointmentOrganizerHandler!({ completed: () => (completed += 1) });
    return { names: Object.keys(shim.associated), completed, item: shim.itemCategories, master: shim.masterCategories };
  });
  expect(result.names).toEqual([...HANDLER_NAMES]);
  expect(result.completed).toBe(1);
  expect(result.item).toEqual(['External']);
  expect(result.master).toEqual([{ displayName: 'External', color: 'Preset0' }]);
  expect(errors).toEqual([]);
  await page.close();
});

/**
 * The built launch-event bundle (launchevent.html + the IIFE launchevent.js, RE2 stubbed out): its size and
 * contents as built, then in chromium, served by the real server (createApp's add-in route and CSP) with
 * the packaged office.js and the Outlook host shim's compose form: it registers the four handlers the
 * manifest names, and each fired event reads the item being composed, stamps the cached rules' categories
 * and completes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { parse } from 'acorn';
import type { Browser, Page } from 'playwright-core';
import { HANDLER_NAMES } from '../../addin/launchevent/launchevent';
import { RULES_CACHE_KEY } from '../../addin/office/rules-cache';
import { gzBytes, reactMarkers } from '../../addin/scripts/bundle-size';
import type { StaticServer } from '../../addin/scripts/static-server';
import { startTestApi, type TestApi } from '../support/app';
import { buildTestBundle, cspViolations, launchChromium, openPage, startAppServer } from './support/browser-harness';
import { installOutlookMock, removeOutlookMock, sampleAppointment } from './support/outlook-mock';
import { apiRule, externalRule } from './support/rule-factories';

jest.setTimeout(120_000);

/** The budget for the compose-time handler. */
const LAUNCH_EVENT_BUDGET_BYTES = 30 * 1024;

let dist: string;
let browser: Browser;
let api: TestApi;
let server: StaticServer;

beforeAll(async () => {
  dist = await buildTestBundle(mkdtempSync(join(tmpdir(), 'calsync-launch-')));
  browser = await launchChromium();
  api = await startTestApi('sqlite', { addinDir: dist });
  server = await startAppServer(api.app);
});

afterAll(async () => {
  await server?.close();
  await api?.close();
  await browser?.close();
  rmSync(dist, { recursive: true, force: true });
});

const rules = [
  externalRule({ id: 'r_ext' }),
  apiRule({
    id: 'r_long',
    name: 'Long',
    when: { all: [{ field: 'durationMinutes', op: 'gte', value: 90 }] },
    then: { category: 'Long', color: 'preset4', stop: false },
  }),
  // A pattern rule the handler leaves to the server: the bundle has no RE2, and must not need it.
  apiRule({
    id: 'r_pat',
    name: 'Pattern',
    when: { all: [{ field: 'subject', op: 'matches', value: '^quarterly' }] },
    then: { category: 'Pattern', color: 'preset3', stop: false },
  }),
];

/** A new meeting being composed by ana in classic Outlook on Windows: one internal attendee so far, an hour long. */
const COMPOSE_SAMPLE = {
  mode: 'compose',
  client: 'classicWindows',
  subject: 'Quarterly review',
  location: '',
  body: '',
  start: '2026-03-02T09:00:00Z',
  end: '2026-03-02T10:00:00Z',
  organizer: { emailAddress: 'ana@contoso.com', displayName: 'Ana' },
  requiredAttendees: [{ emailAddress: 'cy@contoso.com', displayName: 'Cy' }],
  optionalAttendees: [],
  categories: [],
  me: 'ana@contoso.com',
  roaming: { [RULES_CACHE_KEY]: JSON.stringify({ v: 1, savedAt: '2026-01-01T00:00:00Z', internalDomains: ['contoso.com'], rules }) },
};

type Shim = {
  associated: Record<string, (e: unknown) => Promise<void>>;
  itemCategories: string[];
  masterCategories: unknown[];
  calls: string[];
};

/** Fires one launch event as Outlook would (after `change` ran on the compose form) and returns the shim's state. */
function fire(page: Page, handler: string, change = '') {
  return page.evaluate(
    async ({ handler, change }) => {
      const item = Office.context.mailbox.item as Office.AppointmentCompose;
      if (change === 'add external attendee') await new Promise((done) => item.requiredAttendees.addAsync(['bo@fabrikam.com'], done));
      if (change === 'two hours long') await new Promise((done) => item.end.setAsync(new Date('2026-03-02T11:00:00Z'), done));
      const shim = (window as unknown as { __outlookShim: Shim }).__outlookShim;
      let completed = 0;
      await shim.associated[handler]!({ completed: () => (completed += 1) });
      return { names: Object.keys(shim.associated), completed, item: [...shim.itemCategories], master: [...shim.masterCategories], calls: [...shim.calls] };
    },
    { handler, change },
  );
}

describe('the launch-event bundle as built', () => {
  const code = () => readFileSync(join(dist, 'launchevent.js'), 'utf8');

  it(`is at most ${LAUNCH_EVENT_BUDGET_BYTES / 1024} KB gzipped`, () => {
    expect(gzBytes(join(dist, 'launchevent.js'))).toBeLessThanOrEqual(LAUNCH_EVENT_BUDGET_BYTES);
  });

  it("has no generated-code evaluator in it: the handler evaluates one item with the engine's closures", () => {
    expect(code()).not.toContain('evaluateRuleSet');
  });

  // Classic Outlook on Windows runs event-based add-ins in a JavaScript-only sandbox that "only supports JavaScript
  // up to ECMAScript 2016" (https://github.com/OfficeDev/Office-Add-in-samples/issues/747; issue 19: before
  // Version 2403): any later syntax fails the whole script there, and no handler is registered.
  it('parses as ECMAScript 2016, what the classic Windows JavaScript-only runtime runs', () => {
    expect(() => parse(code(), { ecmaVersion: 2016, sourceType: 'script' })).not.toThrow();
  });

  // What an ES2016 engine lacks (ES2017 and later built-ins), and Intl, which that runtime may lack too (office-js 4631).
  const LATER_BUILT_INS = `
    for (const [owner, names] of [
      [Object, ['hasOwn', 'values', 'entries', 'fromEntries', 'getOwnPropertyDescriptors', 'groupBy']],
      [Array.prototype, ['flat', 'flatMap', 'at', 'findLast', 'findLastIndex', 'toSorted', 'toReversed']],
      [String.prototype, ['padStart', 'padEnd', 'trimStart', 'trimEnd', 'matchAll', 'replaceAll', 'at']],
      [Promise, ['allSettled', 'any']],
      [Promise.prototype, ['finally']],
    ]) for (const name of names) delete owner[name];
    delete globalThis.Intl;
    // Unicode property escapes (ES2018) are a SyntaxError there; the build turns such literals into RegExp calls.
    const NativeRegExp = RegExp;
    const refuseProperties = (args) => {
      if (/\\\\p\\{/.test(String(args[0]))) throw new SyntaxError('Invalid regular expression: property escapes need ES2018');
    };
    globalThis.RegExp = new Proxy(NativeRegExp, {
      apply: (target, self, args) => (refuseProperties(args), Reflect.apply(target, self, args)),
      construct: (target, args) => (refuseProperties(args), Reflect.construct(target, args)),
    });`;

  it('loads and stamps in an engine with ES2016 built-ins and RegExp only, and no Intl, as classic Outlook may run it', async () => {
    const outlook = installOutlookMock({
      mode: 'compose',
      client: 'classicWindows',
      timeZone: 'W. Europe Standard Time',
      appointment: sampleAppointment({ requiredAttendees: [{ emailAddress: 'bo@fabrikam.com', displayName: 'Bo' }] }),
      roaming: COMPOSE_SAMPLE.roaming,
    });
    try {
      const associated = new Map<string, (e: { completed(): void }) => Promise<void>>();
      const office = Object.create((globalThis as { Office?: object }).Office!, {
        actions: { value: { associate: (name: string, fn: never) => associated.set(name, fn) } },
      });
      const runtime = createContext({ Office: office, console, setTimeout, clearTimeout });
      runInContext(LATER_BUILT_INS, runtime);
      expect(runInContext('typeof Object.hasOwn + typeof [].flat + typeof "".padStart + typeof Intl', runtime)).toBe('undefinedundefinedundefinedundefined');
      expect(() => runInContext('RegExp("\\\\p{L}", "u")', runtime)).toThrow(/need ES2018/);
      runInContext(code(), runtime);
      expect([...associated.keys()]).toEqual([...HANDLER_NAMES]);
      let completed = 0;
      await associated.get('onAppointmentAttendeesChangedHandler')!({ completed: () => (completed += 1) });
      expect(completed).toBe(1);
      expect(outlook.itemCategories).toEqual(['External']);
    } finally {
      removeOutlookMock();
    }
  });

  it('has no React in it, and no module loader (one classic script)', () => {
    expect(reactMarkers(code())).toEqual([]);
    expect(code()).not.toMatch(/\bimport\s*\(|^\s*import\s|^\s*export\s/m);
  });
});

describe('the launch-event handlers in chromium, on a compose form', () => {
  it('register under the manifest names, read the compose item and stamp categories from the cache', async () => {
    const page = await openPage(browser, `${server.url}/launchevent.html`, COMPOSE_SAMPLE);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.waitForFunction(() => Object.keys((window as unknown as { __outlookShim: Shim }).__outlookShim.associated).length === 4);

    // New meeting, internal only and an hour long: nothing matches yet (the pattern rule is the server's).
    const created = await fire(page, 'onNewAppointmentOrganizerHandler');
    expect(created.names).toEqual([...HANDLER_NAMES]);
    expect(created.completed).toBe(1);
    expect(created.item).toEqual([]);
    // Read through the compose API (getAsync), not the read form's plain values.
    expect(created.calls).toEqual(expect.arrayContaining(['item.subject.getAsync', 'item.start.getAsync', 'item.requiredAttendees.getAsync']));

    const attendees = await fire(page, 'onAppointmentAttendeesChangedHandler', 'add external attendee');
    expect(attendees.completed).toBe(1);
    expect(attendees.item).toEqual(['External']);
    expect(attendees.master).toEqual([{ displayName: 'External', color: 'Preset0' }]);

    const time = await fire(page, 'onAppointmentTimeChangedHandler', 'two hours long');
    expect(time.completed).toBe(1);
    expect(time.item).toEqual(['External', 'Long']);
    expect(time.master).toEqual([
      { displayName: 'External', color: 'Preset0' },
      { displayName: 'Long', color: 'Preset4' },
    ]);

    expect(errors).toEqual([]);
    const violations = cspViolations(page);
    await page.close();
    expect(violations).toEqual([]);
  });

  it.each(['web', 'newOutlook'])('in %s complete without calling the item or master category APIs the client refuses while composing', async (client) => {
    const page = await openPage(browser, `${server.url}/launchevent.html`, { ...COMPOSE_SAMPLE, client });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.waitForFunction(() => Object.keys((window as unknown as { __outlookShim: Shim }).__outlookShim.associated).length === 4);
    const created = await fire(page, 'onNewAppointmentOrganizerHandler', 'add external attendee');
    expect(created.completed).toBe(1);
    expect(created.item).toEqual([]);
    expect(created.calls.filter((c) => c.toLowerCase().includes('categories'))).toEqual([]);
    // The shim refuses it as that client does: the handler must not have been the one to find out.
    const refused = await page.evaluate(
      () =>
        new Promise((done) =>
          (Office.context.mailbox.item as Office.AppointmentCompose).categories.addAsync(['External'], (r) =>
            done({ status: String(r.status), code: r.error?.code }),
          ),
        ),
    );
    expect(refused).toEqual({ status: 'failed', code: 5000 });
    expect(errors).toEqual([]);
    await page.close();
  });
});

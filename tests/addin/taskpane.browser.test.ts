/**
 * The built task pane in headless chromium: packaged office.js plus the Outlook host shim, served by the real
 * server (createApp with the add-in directory: its static route and Content-Security-Policy, and the Rules
 * API on the same origin, SQLite store, the API tests' token issuer) on an ephemeral port. Every page must
 * run without a CSP violation. Screenshots go to test-artifacts/.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initialFiles, themeFiles } from '../../addin/scripts/bundle-size';
import { APP_PACKAGE_ICONS, ICON_SIZES } from '../../addin/scripts/png-icons';
import type { Browser, Page } from 'playwright-core';
import type { StaticServer } from '../../addin/scripts/static-server';
import { startTestApi, type TestApi } from '../support/app';
import {
  artifactPath,
  buildTestBundle,
  cspViolations,
  launchChromium,
  openTaskpane,
  ROOT,
  seriousAxeViolations,
  startAppServer,
  tokenRoute,
} from './support/browser-harness';

jest.setTimeout(120_000);

let dist: string;
let browser: Browser;
let api: TestApi;
let server: StaticServer;

/** The signed-in user: alice@contoso.com, not an admin. */
const USER = 'aliceA';
/** The appointment the shim shows: alice organises, an attendee from fabrikam.com makes it external. */
const SAMPLE = {
  subject: 'Quarterly review with Fabrikam',
  location: 'Room 4',
  body: 'Agenda: numbers',
  start: '2026-03-02T09:00:00Z',
  end: '2026-03-02T10:00:00Z',
  organizer: { emailAddress: 'alice@contoso.com', displayName: 'Alice' },
  requiredAttendees: [{ emailAddress: 'bo@fabrikam.com', displayName: 'Bo' }],
  optionalAttendees: [],
  categories: [],
  me: 'alice@contoso.com',
  dark: false,
};

async function personalRules(): Promise<Array<{ name: string; when: unknown; then: { category: string; color: string } }>> {
  const res = await (await api.as(USER)).get('/api/rules?scope=personal');
  return res.body.items;
}

beforeAll(async () => {
  dist = await buildTestBundle(mkdtempSync(join(tmpdir(), 'calsync-addin-')));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  rmSync(dist, { recursive: true, force: true });
});

beforeEach(async () => {
  api = await startTestApi('sqlite', { addinDir: dist });
  server = await startAppServer(api.app, [tokenRoute(() => api.tokens.for(USER))]);
});

afterEach(async () => {
  await server.close();
  await api.close();
});

/** The add-in's own JS files the page has fetched so far, relative to the build directory. */
function ownScripts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name))
      .filter((u) => u.origin === location.origin && u.pathname.endsWith('.js'))
      .map((u) => u.pathname.slice(1)),
  );
}

/** Closes the page, failing the test on any CSP violation it reported (see cspViolations). */
async function closeChecked(page: Page): Promise<void> {
  const violations = cspViolations(page);
  await page.close();
  expect(violations).toEqual([]);
}

type ShimState = { itemCategories: string[]; masterCategories: Array<{ displayName: string; color: string }> };
const shimState = (page: Page) => page.evaluate(() => (window as unknown as { __outlookShim: ShimState }).__outlookShim);

describe('task pane in chromium', () => {
  it('creates a rule, previews it on the open event, applies it through Office.js', async () => {
    const page = await openTaskpane(browser, server.url, SAMPLE);
    await page.getByRole('button', { name: 'Write a rule from scratch' }).click();
    const form = page.getByRole('form', { name: 'New rule' });
    await form.getByRole('textbox', { name: 'Rule name' }).fill('Reviews');
    await form.getByRole('combobox', { name: 'Conditions, condition 1 operator' }).selectOption('contains');
    await form.getByRole('textbox', { name: 'Conditions, condition 1 value' }).fill('review');
    await form.getByRole('textbox', { name: 'Category name' }).fill('Review');
    await form.getByRole('gridcell', { name: 'Dark green' }).click();

    const preview = page.getByTestId('this-event-result');
    await preview.getByText('Reviews', { exact: true }).waitFor();
    await page.screenshot({ path: artifactPath('taskpane-editor-preview.png'), fullPage: true });
    await form.getByRole('textbox', { name: 'Conditions, condition 1 value' }).fill('standup');
    await preview.getByText('No rule matches this event.').waitFor();
    await form.getByRole('textbox', { name: 'Conditions, condition 1 value' }).fill('review');

    await form.getByRole('button', { name: 'Save rule' }).click();
    await page.getByRole('list', { name: 'My rules' }).getByText('Reviews').waitFor();
    expect((await personalRules()).map((r) => [r.name, r.then.category, r.then.color])).toEqual([['Reviews', 'Review', 'preset19']]);

    await page.getByRole('button', { name: 'Apply to this event' }).click();
    await page.getByText('Added Review.').waitFor();
    const shim = await shimState(page);
    expect(shim.itemCategories).toEqual(['Review']);
    expect(shim.masterCategories).toEqual([{ displayName: 'Review', color: 'Preset19' }]);
    await page.screenshot({ path: artifactPath('taskpane-applied.png'), fullPage: true });
    await closeChecked(page);
  });

  it('creates a rule with the keyboard alone', async () => {
    const page = await openTaskpane(browser, server.url, SAMPLE);
    await page.getByRole('button', { name: 'Write a rule from scratch' }).waitFor();
    const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
    const tabTo = async (name: string) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        if ((await focusedName()).trim() === name) return;
      }
      throw new Error(`Tab never reached "${name}"`);
    };
    await tabTo('Write a rule from scratch');
    await page.keyboard.press('Enter');
    await page.getByRole('form', { name: 'New rule' }).waitFor();
    await page.keyboard.type('Keyboard rule'); // the editor puts focus in the name field
    await tabTo('Conditions, condition 1 operator');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // is → is not → contains
    await page.keyboard.press('Tab');
    await page.keyboard.type('quarterly');
    await tabTo('Remove conditions, condition 1');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab'); // add condition, add group, category name
    await page.keyboard.type('Quarterly');
    await page.keyboard.press('Tab'); // into the swatch grid
    for (let i = 0; i < 25 && (await focusedName()) !== 'Purple'; i++) await page.keyboard.press('ArrowRight');
    expect(await focusedName()).toBe('Purple');
    await page.keyboard.press('Enter');
    await page.getByText('Colour: Purple').waitFor();
    await tabTo('Save rule');
    await page.keyboard.press('Enter');
    await page.getByRole('list', { name: 'My rules' }).getByText('Keyboard rule').waitFor();
    const saved = await personalRules();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      name: 'Keyboard rule',
      when: { all: [{ field: 'subject', op: 'contains', value: 'quarterly' }] },
      then: { category: 'Quarterly', color: 'preset8' },
    });
    await closeChecked(page);
  });

  it('has no serious or critical axe violations, in the list, the editor and the dark theme', async () => {
    await api.createRule('adminA', {
      name: 'Org external',
      scope: 'org',
      when: { all: [{ field: 'hasExternalAttendees', op: 'is', value: true }] },
      then: { category: 'External', color: 'preset0' },
    });
    await api.createRule(USER, {
      name: 'Reviews',
      scope: 'personal',
      when: { all: [{ field: 'subject', op: 'contains', value: 'review' }] },
      then: { category: 'Review', color: 'preset7' },
    });
    const page = await openTaskpane(browser, server.url, SAMPLE);
    await page.getByRole('list', { name: 'My rules' }).waitFor();
    await page.getByTestId('this-event-result').waitFor();
    await page.screenshot({ path: artifactPath('taskpane-rules.png'), fullPage: true });
    // A user's open, rules shown, fetches the initial chunks and the theme in use, nothing else (in production
    // MSAL too): what bench:addin counts, although its own open stops at sign-in.
    const expected = new Set([...initialFiles(dist), ...themeFiles(dist, 'light')]);
    expect((await ownScripts(page)).sort()).toEqual([...expected].sort());
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Edit Reviews' }).click();
    await page.getByRole('form', { name: 'Edit rule' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await closeChecked(page);

    const dark = await openTaskpane(browser, server.url, { ...SAMPLE, dark: true });
    await dark.getByRole('list', { name: 'My rules' }).waitFor();
    await dark.getByTestId('this-event-result').waitFor();
    await dark.screenshot({ path: artifactPath('taskpane-dark.png'), fullPage: true });
    expect(await seriousAxeViolations(dark)).toEqual([]);
    await closeChecked(dark);
  });

  it('previews a `matches` rule once RE2 has loaded on demand', async () => {
    await api.createRule(USER, {
      name: 'Quarterlies',
      scope: 'personal',
      when: { all: [{ field: 'subject', op: 'matches', value: '^quarterly\\b' }] },
      then: { category: 'Quarterly', color: 'preset8' },
    });
    const page = await openTaskpane(browser, server.url, SAMPLE);
    // The pane's build loads RE2 only for such a rule (addin/taskpane/re2-on-demand.ts); compiling it earlier would throw.
    await page.getByTestId('this-event-result').getByText('Quarterlies', { exact: true }).waitFor();
    await closeChecked(page);
  });

  it('refreshes "This event" when the time changes on the compose form', async () => {
    await api.createRule(USER, {
      name: 'Mornings',
      scope: 'personal',
      when: { all: [{ field: 'startTime', op: 'before', value: '12:00' }] },
      then: { category: 'Morning', color: 'preset3' },
    });
    const page = await openTaskpane(browser, server.url, { ...SAMPLE, mode: 'compose' });
    const preview = page.getByTestId('this-event-result');
    await preview.getByText('Mornings', { exact: true }).waitFor();
    // The organizer moves the meeting to the afternoon; the shim raises AppointmentTimeChanged, as Outlook does.
    await page.evaluate(
      () =>
        new Promise((done) => {
          const item = Office.context.mailbox.item as Office.AppointmentCompose;
          item.start.setAsync(new Date('2026-03-02T15:00:00Z'), () => item.end.setAsync(new Date('2026-03-02T16:00:00Z'), done));
        }),
    );
    await preview.getByText('No rule matches this event.').waitFor();
    await closeChecked(page);
  });

  it("on the web's compose form says the event is coloured once saved, instead of an Apply Outlook would refuse", async () => {
    await api.createRule(USER, {
      name: 'External meetings',
      scope: 'personal',
      when: { all: [{ field: 'hasExternalAttendees', op: 'is', value: true }] },
      then: { category: 'External', color: 'preset0' },
    });
    const page = await openTaskpane(browser, server.url, { ...SAMPLE, mode: 'compose', client: 'web' });
    await page.getByTestId('this-event-result').getByText('External meetings', { exact: true }).waitFor();
    await page.getByText('CalSync colours this event as soon as it is saved.').waitFor();
    expect(await page.getByRole('button', { name: 'Apply to this event' }).count()).toBe(0);
    const calls = await page.evaluate(() => (window as unknown as { __outlookShim: { calls: string[] } }).__outlookShim.calls);
    expect(calls.filter((c) => c.startsWith('item.categories.'))).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await closeChecked(page);
  });
});

/** Width and height from a PNG's IHDR chunk (after the 8-byte signature: length, "IHDR", width, height). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the build output, served', () => {
  it("has icons 16/32/64/80/128 and the app package's 192 colour and 32 outline as PNGs of those sizes, and every file manifest.xml names, served by the server", async () => {
    expect([...ICON_SIZES]).toEqual([16, 32, 64, 80, 128]);
    for (const size of ICON_SIZES) {
      const png = readFileSync(join(dist, 'assets', `icon-${size}.png`));
      expect(pngSize(png)).toEqual({ width: size, height: size });
      const res = await fetch(`${server.url}/assets/icon-${size}.png`);
      expect([res.status, res.headers.get('content-type')]).toEqual([200, 'image/png']);
      expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    }
    // The unified manifest's app package icons (tests/addin/unified-manifest-package.test.ts checks their pixels in the zip).
    expect(APP_PACKAGE_ICONS).toEqual({ color: { size: 192, file: 'icon-color-192.png' }, outline: { size: 32, file: 'icon-outline-32.png' } });
    for (const { size, file } of Object.values(APP_PACKAGE_ICONS)) {
      expect(pngSize(readFileSync(join(dist, 'assets', file)))).toEqual({ width: size, height: size });
    }
    // The sideloading manifest's files (icons, pages, the handler script): each built, and served with the add-in's CSP.
    const manifest = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
    const files = [...new Set([...manifest.matchAll(/"https:\/\/localhost:3000\/([\w/.-]+\.(?:png|html|js))"/g)].map((m) => m[1]!))];
    expect(files).toEqual(
      expect.arrayContaining(['commands/commands.html', 'taskpane/taskpane.html', 'launchevent.html', 'launchevent.js', 'assets/icon-80.png']),
    );
    for (const file of files) {
      expect(readFileSync(join(dist, file)).length).toBeGreaterThan(0);
      const res = await fetch(`${server.url}/${file}`);
      expect([file, res.status]).toEqual([file, 200]);
      if (file.endsWith('.html')) expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://outlook.office.com");
    }
    expect(readFileSync(join(dist, 'commands/commands.html'), 'utf8')).toMatch(/<script type="module"[^>]*src="[^"]+\.js"/);
  });
  it("keeps what only the editor, the Admin tab or the sync's hot path needs out of the first load", () => {
    const firstLoad = initialFiles(dist)
      .map((f) => readFileSync(join(dist, f), 'utf8'))
      .join('\n');
    // codegen.ts's generated function: the pane evaluates with closures (shared/rule-set.ts).
    expect(firstLoad).not.toContain('evaluateRuleSet');
    // admin-api.ts's calls load with the Admin tab.
    expect(firstLoad).not.toContain('/api/rules/versions');
    expect(firstLoad).not.toContain('/api/audit');
    // The editor's form state (rule-form.ts, with condition-draft.ts) is a chunk of its own, loaded with the editor.
    const formChunks = readdirSync(join(dist, 'assets'))
      .filter((f) => /^rule-form-[\w-]{8}\.js$/.test(f))
      .map((f) => `assets/${f}`);
    expect(formChunks).toHaveLength(1);
    expect(initialFiles(dist)).not.toContain(formChunks[0]);
  });
});

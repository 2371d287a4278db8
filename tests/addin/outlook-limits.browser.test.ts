/**
 * The limits Outlook enforces, as the host shim (addin/host-shim/outlook-host-shim.js) models them on top of
 * the packaged office.js in chromium: roaming settings over 32 KB are refused (9057) and the mailbox keeps what it
 * had; the web and new Outlook refuse a 4th simultaneous limited call (5100), classic Outlook does not; new
 * Outlook's master list misses categories created elsewhere and answers DuplicateCategory on adding one; the
 * theme carries colours and no isDarkTheme. The shim cites the source of each.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { StaticServer } from '../../addin/scripts/static-server';
import { launchChromium, openPage, startAddinServer } from './support/browser-harness';

jest.setTimeout(60_000);

let root: string;
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'calsync-shim-'));
  // A bare page with office.js (the harness appends the shim to it), as every add-in page loads it.
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><title>shim</title><script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>',
  );
  browser = await launchChromium();
  server = await startAddinServer(root);
});

afterAll(async () => {
  await server?.close();
  await browser?.close();
  rmSync(root, { recursive: true, force: true });
});

const SAMPLE = {
  mode: 'compose',
  subject: 'Quarterly review',
  location: 'Room 4',
  body: '',
  start: '2026-03-02T09:00:00Z',
  end: '2026-03-02T10:00:00Z',
  organizer: { emailAddress: 'ana@contoso.com', displayName: 'Ana' },
  requiredAttendees: [],
  optionalAttendees: [],
  categories: [],
  me: 'ana@contoso.com',
};

type Result = { status: string; error?: { code?: number; name: string } };

async function shimPage(sample: Record<string, unknown>): Promise<Page> {
  const page = await openPage(browser, `${server.url}/index.html`, { ...SAMPLE, ...sample });
  await page.waitForFunction(() => typeof (window as unknown as { __outlookShim?: unknown }).__outlookShim === 'object');
  return page;
}

describe('the host shim models the limits Outlook enforces', () => {
  it('refuses a roaming-settings save over 32 KB as stored (quotes escaped) with 9057, keeping what the mailbox had', async () => {
    const page = await shimPage({ roaming: { kept: 'old' } });
    const outcome = await page.evaluate(async () => {
      const settings = Office.context.roamingSettings;
      const save = () => new Promise<Result>((done) => settings.saveAsync(done as never));
      // 20,000 characters, a third of them quotes: 26,668 once serialized, under 32 KB.
      settings.set('fits', '"ab'.repeat(6_667).slice(0, 20_000));
      const first = await save();
      // 24,900 characters, under 32 KB (32,768) before escaping, 33,200 and more once each quote is escaped.
      settings.set('fits', '"ab'.repeat(8_300));
      const second = await save();
      const shim = (window as unknown as { __outlookShim: { savedRoaming: Record<string, string> } }).__outlookShim;
      return { first, second, savedLength: shim.savedRoaming.fits?.length, kept: shim.savedRoaming.kept };
    });
    expect(outcome.first.status).toBe('succeeded');
    expect(outcome.second).toMatchObject({ status: 'failed', error: { code: 9057, name: 'Size Limit Exceeded' } });
    expect(outcome.savedLength).toBe(20_000);
    expect(outcome.kept).toBe('old');
    await page.close();
  });

  it.each([
    ['web', [5100]],
    ['newOutlook', [5100]],
    ['classicWindows', []],
    ['mac', []],
  ] as const)('on %s, a 4th simultaneous subject/time/recipients call fails with %j', async (client, refused) => {
    const page = await shimPage({ client });
    const codes = await page.evaluate(async () => {
      const item = Office.context.mailbox.item as Office.AppointmentCompose;
      const results = await Promise.all([
        new Promise<Result>((done) => item.subject.getAsync(done as never)),
        new Promise<Result>((done) => item.location.getAsync(done as never)),
        new Promise<Result>((done) => item.start.getAsync(done as never)),
        new Promise<Result>((done) => item.end.getAsync(done as never)),
      ]);
      return results.filter((r) => r.status === 'failed').map((r) => r.error?.code);
    });
    expect(codes).toEqual(refused);
    await page.close();
  });

  it('in new Outlook, lists no category created elsewhere and answers DuplicateCategory on adding it; other clients list it', async () => {
    const elsewhere = [{ displayName: 'Review', color: 'Preset3' }];
    const run = async (client: string) => {
      const page = await shimPage({ client, categoriesCreatedElsewhere: elsewhere });
      const outcome = await page.evaluate(async () => {
        const master = Office.context.mailbox.masterCategories;
        const listed = await new Promise<{ value: Array<{ displayName: string }> }>((done) => master.getAsync(done as never));
        const added = await new Promise<Result>((done) => master.addAsync([{ displayName: 'review', color: 'Preset1' as never }], done as never));
        return { listed: listed.value.map((c) => c.displayName), added };
      });
      await page.close();
      return outcome;
    };
    const newOutlook = await run('newOutlook');
    expect(newOutlook.listed).toEqual([]);
    expect(newOutlook.added).toMatchObject({ status: 'failed', error: { name: 'DuplicateCategory' } });
    const web = await run('web');
    expect(web.listed).toEqual(['Review']);
    expect(web.added).toMatchObject({ status: 'failed', error: { name: 'DuplicateCategory' } });
  });

  it('gives the theme as colours, without isDarkTheme (not supported in Outlook)', async () => {
    const page = await shimPage({ dark: true });
    const theme = await page.evaluate(() => ({ ...Office.context.officeTheme }));
    expect(theme).not.toHaveProperty('isDarkTheme');
    expect(theme.bodyBackgroundColor).toBe('#1f1f1f');
    await page.close();
  });
});

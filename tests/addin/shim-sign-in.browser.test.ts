/**
 * The Outlook host shim's sign-in side, in chromium: isSetSupported('NestedAppAuth', '1.1') per client,
 * build and account type, and Office.context.ui.displayDialogAsync — a browser window on the pane's origin
 * whose page reaches the pane with messageParent, one at a time (12007), never another origin (12004), and
 * DialogEventReceived 12006 when the person closes it. Two small pages stand in for the pane and the dialog.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { StaticServer } from '../../addin/scripts/static-server';
import { launchChromium, openPage, startAddinServer } from './support/browser-harness';

jest.setTimeout(120_000);

const OFFICE_JS = '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>';
const PAGES: Record<string, string> = {
  'pane.html': `<!doctype html><html lang="en"><head><title>pane</title>${OFFICE_JS}</head><body><button id="open">Sign in</button><script src="pane.js"></script></body></html>`,
  'pane.js': `
    window.results = [];
    window.openDialog = function (url) {
      Office.context.ui.displayDialogAsync(url, { height: 50, width: 30 }, function (r) {
        if (r.status === 'failed') return results.push({ failed: r.error.code });
        var d = r.value;
        results.push({ opened: true });
        d.addEventHandler(Office.EventType.DialogMessageReceived, function (a) { results.push({ message: a.message, origin: a.origin }); d.close(); });
        d.addEventHandler(Office.EventType.DialogEventReceived, function (a) { results.push({ event: a.error }); });
      });
    };
    Office.onReady(function () {
      document.getElementById('open').onclick = function () { openDialog(location.origin + '/' + (location.hash.slice(1) || 'dialog.html')); };
      window.ready = true;
    });`,
  'dialog.html': `<!doctype html><html lang="en"><head><title>dialog</title>${OFFICE_JS}</head><body><script src="dialog.js"></script></body></html>`,
  'dialog.js': `Office.onReady(function () { Office.context.ui.messageParent(JSON.stringify({ mailbox: !!Office.context.mailbox })); });`,
  'stay.html': `<!doctype html><html lang="en"><head><title>stay</title>${OFFICE_JS}</head><body>waiting</body></html>`,
};

let dir: string;
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'calsync-shim-dialog-'));
  for (const [name, body] of Object.entries(PAGES)) writeFileSync(join(dir, name), body);
  browser = await launchChromium();
  server = await startAddinServer(dir);
});

afterAll(async () => {
  await server?.close();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pane(hash = '', sample?: Record<string, unknown>): Promise<Page> {
  const page = await openPage(browser, `${server.url}/pane.html${hash}`, sample);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  return page;
}

const results = (page: Page) => page.evaluate(() => (window as unknown as { results: unknown[] }).results);

describe('the host shim: sign-in', () => {
  it('opens the dialog page in a window, hands its message to the pane and closes it', async () => {
    const page = await pane();
    const popup = page.waitForEvent('popup');
    await page.click('#open');
    const dialog = await popup;
    const closed = dialog.waitForEvent('close');
    await page.waitForFunction(() => (window as unknown as { results: unknown[] }).results.length === 2);
    // The dialog's Office.context has no mailbox: a dialog may call messageParent and isSetSupported only.
    expect(await results(page)).toEqual([{ opened: true }, { message: JSON.stringify({ mailbox: false }), origin: server.url }]);
    await closed;
    await page.close();
  });

  it('refuses a second dialog while one is open (12007), and reports the person closing it (12006)', async () => {
    const page = await pane('#stay.html');
    const popup = page.waitForEvent('popup');
    await page.click('#open');
    const dialog = await popup;
    await page.waitForFunction(() => (window as unknown as { results: unknown[] }).results.length === 1);
    await page.evaluate(() => (window as unknown as { openDialog: (u: string) => void }).openDialog(`${location.origin}/stay.html`));
    await page.waitForFunction(() => (window as unknown as { results: unknown[] }).results.length === 2);
    await dialog.close();
    await page.waitForFunction(() => (window as unknown as { results: unknown[] }).results.length === 3);
    expect(await results(page)).toEqual([{ opened: true }, { failed: 12007 }, { event: 12006 }]);
    await page.close();
  });

  it('refuses a page on another origin (12004)', async () => {
    const page = await pane();
    await page.evaluate(() => (window as unknown as { openDialog: (u: string) => void }).openDialog('https://sign-in.example/dialog.html'));
    await page.waitForFunction(() => (window as unknown as { results: unknown[] }).results.length === 1);
    expect(await results(page)).toEqual([{ failed: 12004 }]);
    await page.close();
  });

  it.each([
    [{ client: 'web' }, true],
    [{ client: 'web', accountType: 'outlookCom' }, false],
    [{ client: 'newOutlook', accountType: 'gmail' }, false],
    [{ client: 'classicWindows' }, true],
    [{ client: 'classicWindows', hostVersion: '16.0.14332.20812', windowsChannel: 'volume' }, false],
    [{ client: 'mac', hostVersion: '16.88.1' }, false],
    [{ client: 'mac', hostVersion: '16.89.0' }, true],
  ])('NestedAppAuth 1.1 for %j: %s', async (sample, supported) => {
    const page = await pane('', { subject: 'x', start: '2026-03-02T09:00:00Z', end: '2026-03-02T10:00:00Z', me: 'ana@contoso.com', ...sample });
    expect(await page.evaluate(() => Office.context.requirements.isSetSupported('NestedAppAuth', '1.1'))).toBe(supported);
    await page.close();
  });
});

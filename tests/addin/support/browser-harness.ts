/**
 * Browser-test plumbing: build the add-in (test account), serve it from the real server — createApp's add-in
 * route with its Content-Security-Policy, the Rules API on the same origin — on an ephemeral port, and open a
 * page in Debian's chromium with the packaged office.js and the Outlook host shim answering for
 * appsforoffice.microsoft.com. Nothing leaves the machine: every other request is aborted. The bench serves
 * the production build with the small static server instead (it needs no API).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { outlookHostShimSource } from '../../../addin/host-shim/host-shim-file';
import { startStaticServer, type Route, type StaticServer } from '../../../addin/scripts/static-server';
import { chromiumPath } from '../../../scripts/chromium';

export const ROOT = resolve(__dirname, '../../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
const OFFICE_DIST = join(ROOT, 'node_modules/@microsoft/office-js/dist');
const SHIM = outlookHostShimSource();
const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

export async function buildTestBundle(outDir: string): Promise<string> {
  await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), [join(__dirname, 'build-test-bundle.ts'), outDir], { cwd: ROOT, timeout: 120_000 });
  return outDir;
}

/** The test build's account asks this route for its bearer token (minted by the test issuer). */
export function tokenRoute(token: () => Promise<string>): Route {
  return async (req, res) => {
    if (req.url !== '/__test/token') return false;
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' }).end(await token());
    return true;
  };
}

export async function startAddinServer(distDir: string, routes: Route[] = []): Promise<StaticServer> {
  return startStaticServer({ root: distDir, routes });
}

/**
 * The real server (an Express app from createApp with `addinDir`, e.g. startTestApi's) on an ephemeral
 * port; `routes` answer first (the test account's token route). Pages and API share the origin, as in production.
 */
export async function startAppServer(app: RequestListener, routes: Route[] = []): Promise<StaticServer> {
  const server = createServer((req, res) => {
    void (async () => {
      for (const route of routes) if (await route(req, res)) return;
      app(req, res);
    })().catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Opens the task pane with office.js (and the shim) served locally; `sample` replaces the shim's appointment. */
export function openTaskpane(browser: Browser, baseUrl: string, sample?: Record<string, unknown>, beforeNavigate?: (page: Page) => void): Promise<Page> {
  return openPage(browser, `${baseUrl}/taskpane/taskpane.html`, sample, undefined, beforeNavigate);
}

/** Opens any add-in page of the test server with office.js and the host shim. */
/** Content-Security-Policy violations Chromium reported on a page's console (any frame), by page. */
const cspReports = new WeakMap<Page, string[]>();

/**
 * The violations the add-in's CSP (server/http/addin-static.ts) causes on purpose. office.js frames its own
 * usage telemetry (telemetryservice.firstpartyapps.oaspapps.com) a few seconds after it loads; the CSP frames
 * nothing but Entra ID sign-in, office.js carries on without its telemetry, so the frame stays blocked.
 */
export const DOCUMENTED_CSP_VIOLATIONS: readonly RegExp[] = [/^Framing 'https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\/' violates .*frame-src/];

/** Every other CSP violation reported on the page so far. */
export function cspViolations(page: Page): string[] {
  return (cspReports.get(page) ?? []).filter((text) => !DOCUMENTED_CSP_VIOLATIONS.some((re) => re.test(text)));
}

/** `beforeNavigate` runs on the new page before it loads anything (the bench tracks requests from there). */
export async function openPage(
  browser: Browser,
  pageUrl: string,
  sample?: Record<string, unknown>,
  viewport = { width: 360, height: 900 },
  beforeNavigate?: (page: Page) => void,
): Promise<Page> {
  const baseUrl = new URL(pageUrl).origin;
  const page = await browser.newPage({ viewport });
  const reports: string[] = [];
  cspReports.set(page, reports);
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) reports.push(m.text());
  });
  if (sample) await page.addInitScript((s) => ((window as unknown as { __CALSYNC_SAMPLE__: unknown }).__CALSYNC_SAMPLE__ = s), sample);
  // The page's own context (newPage makes one per page), so popups (MSAL's sign-in window) are held in too.
  await page.context().route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl)) return route.continue();
    const m = /^https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/([\w.-]+)$/.exec(url);
    const file = m ? join(OFFICE_DIST, m[1]!) : '';
    if (m && existsSync(file)) {
      const body = readFileSync(file, 'utf8') + (m[1] === 'office.js' ? `\n;${SHIM}` : '');
      return route.fulfill({ body, contentType: 'text/javascript' });
    }
    return route.abort();
  });
  beforeNavigate?.(page);
  await page.goto(pageUrl);
  return page;
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

export async function axeViolations(page: Page): Promise<Array<{ id: string; impact: string | null; targets: string[] }>> {
  // Evaluated, not added as a <script>: the add-in's CSP rightly refuses inline scripts.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[]; html: string }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`) }));
  });
}

/**
 * Serious and critical violations. One known false positive is set aside, node by node: tabster's focus
 * "dummy" elements (data-tabster-dummy) are focusable and aria-hidden on purpose — they only bounce focus
 * back into Fluent's arrow-key groups (microsoft/tabster#288; Accessibility Insights suppresses the same).
 */
export async function seriousAxeViolations(page: Page) {
  return (await axeViolations(page))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => (v.id === 'aria-hidden-focus' ? { ...v, targets: v.targets.filter((t) => !t.includes('data-tabster-dummy')) } : v))
    .filter((v) => v.targets.length > 0);
}

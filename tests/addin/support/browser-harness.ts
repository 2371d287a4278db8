/**
 * Browser-test plumbing: build the add-in (test account), serve it on an ephemeral port with the Rules API
 * beside it (the real one, proxied), and open the task pane in Debian's chromium with the packaged office.js and the Outlook host shim
 * answering for appsforoffice.microsoft.com. Nothing leaves the machine: every other request is aborted.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { OUTLOOK_HOST_SHIM_FILE } from '../../../addin/host-shim/host-shim-file';
import { startStaticServer, type Route, type StaticServer } from '../../../addin/scripts/static-server';

export const ROOT = resolve(__dirname, '../../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
const OFFICE_DIST = join(ROOT, 'node_modules/@microsoft/office-js/dist');
const SHIM = readFileSync(OUTLOOK_HOST_SHIM_FILE, 'utf8');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export async function buildTestBundle(outDir: string): Promise<string> {
  await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), [join(__dirname, 'build-test-bundle.ts'), outDir], { cwd: ROOT, timeout: 120_000 });
  return outDir;
}

/** Forwards /api/* to the real Rules API (createApp on an ephemeral port), so the pane's origin serves both. */
export function proxyRoute(prefix: string, target: string): Route {
  return (req, res) => {
    if (!req.url?.startsWith(prefix)) return false;
    const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (err) => res.writeHead(502).end(String(err)));
    req.pipe(upstream);
    return true;
  };
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

/** Opens the task pane with office.js (and the shim) served locally; `sample` replaces the shim's appointment. */
export function openTaskpane(browser: Browser, baseUrl: string, sample?: Record<string, unknown>): Promise<Page> {
  return openPage(browser, `${baseUrl}/taskpane/taskpane.html`, sample);
}

/** Opens any add-in page of the test server with office.js and the host shim. */
export async function openPage(browser: Browser, pageUrl: string, sample?: Record<string, unknown>, viewport = { width: 360, height: 900 }): Promise<Page> {
  const baseUrl = new URL(pageUrl).origin;
  const page = await browser.newPage({ viewport });
  if (sample) await page.addInitScript((s) => ((window as unknown as { __CALSYNC_SAMPLE__: unknown }).__CALSYNC_SAMPLE__ = s), sample);
  await page.route('**/*', async (route) => {
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
  await page.goto(pageUrl);
  return page;
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

export async function axeViolations(page: Page): Promise<Array<{ id: string; impact: string | null; targets: string[] }>> {
  await page.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[]; html: string }> }> }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`) }));
  });
}

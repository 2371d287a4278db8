/**
 * Builds what the local demo serves: the add-in with the demo account and calendar source in place of MSAL
 * and Microsoft Graph, office.js pointed at the demo server's local copy (no internet needed), and the demo's
 * own pages (demo/pages: the task pane host and the team calendar). Run as a child process (vite is
 * ESM; the server may run as CommonJS): tsx addin/demo/build-demo-addin.ts <outDir>
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { buildAddin } from '../scripts/build-addin';

export const OFFICE_CDN_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** Where the demo server serves the packaged office.js (with the Outlook host shim appended). */
export const DEMO_OFFICE_URL = '/demo/office/office.js';

const root = resolve(__dirname, '../..');
export const DEMO_PAGES_SOURCE = join(root, 'demo/pages');

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name));
}

/** Every add-in page loads office.js from Microsoft's CDN; the demo serves the packaged copy itself. */
function pointOfficeJsAtDemoServer(outDir: string): void {
  let rewritten = 0;
  for (const file of htmlFiles(outDir)) {
    const html = readFileSync(file, 'utf8');
    if (!html.includes(OFFICE_CDN_URL)) continue;
    writeFileSync(file, html.split(OFFICE_CDN_URL).join(DEMO_OFFICE_URL));
    rewritten++;
  }
  // The task pane must not quietly keep the CDN address (it would fail offline, and differently).
  if (!readFileSync(join(outDir, 'taskpane/taskpane.html'), 'utf8').includes(DEMO_OFFICE_URL) || rewritten === 0) {
    throw new Error(`the built task pane does not load ${OFFICE_CDN_URL}; the demo cannot point it at its local office.js`);
  }
}

export async function buildDemoAddin(outDir: string): Promise<void> {
  await buildAddin({
    outDir,
    replaceModules: {
      [join(root, 'addin/account/account')]: join(__dirname, 'demo-account.ts'),
      [join(root, 'addin/api/graph-calendar')]: join(__dirname, 'demo-calendar-source.ts'),
    },
  });
  pointOfficeJsAtDemoServer(outDir);
  await build({
    configFile: false,
    logLevel: 'warn',
    root: DEMO_PAGES_SOURCE,
    base: '/demo/',
    build: {
      outDir: join(outDir, 'demo-pages'),
      emptyOutDir: true,
      target: 'es2022',
      modulePreload: { polyfill: false },
      rollupOptions: { input: { index: join(DEMO_PAGES_SOURCE, 'index.html'), team: join(DEMO_PAGES_SOURCE, 'team.html') } },
    },
  });
}

if (require.main === module) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: build-demo-addin.ts <outDir>');
    process.exit(2);
  }
  buildDemoAddin(resolve(outDir)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

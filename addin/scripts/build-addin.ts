/**
 * Builds addin/dist: the task pane and command page (vite, ES modules), the launch-event bundle (one
 * classic script, as Outlook's JavaScript-only runtime on Windows needs), its HTML page, and the icons.
 * Build config comes from the environment: CALSYNC_CLIENT_ID, CALSYNC_API_SCOPE, CALSYNC_API_BASE_URL,
 * CALSYNC_AUTHORITY.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build, type InlineConfig, type Rollup } from 'vite';
import { calendarIconPng, ICON_SIZES } from './png-icons';

const addinDir = resolve(__dirname, '..');
export const distDir = join(addinDir, 'dist');

function buildDefine(): Record<string, string> {
  const config = {
    clientId: process.env.CALSYNC_CLIENT_ID ?? '',
    apiScope: process.env.CALSYNC_API_SCOPE ?? '',
    apiBaseUrl: process.env.CALSYNC_API_BASE_URL ?? '',
    authority: process.env.CALSYNC_AUTHORITY ?? '',
  };
  return { __CALSYNC_BUILD__: JSON.stringify(config), 'process.env.NODE_ENV': JSON.stringify('production') };
}

type OnWarn = NonNullable<Rollup.InputOptions['onwarn']>;

/** Fluent's 'use client' directives mean nothing outside React Server Components. */
const quietDirectives: OnWarn = (warning, warn) => {
  if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
};

const common: InlineConfig = {
  configFile: false,
  logLevel: 'warn',
  define: buildDefine(),
  oxc: { jsx: { runtime: 'automatic' } },
};

export interface BuildOptions {
  outDir?: string;
  /**
   * Source modules to swap, by absolute path without extension → replacement file. Only the browser tests
   * use it (a fake account instead of MSAL); the production build passes nothing.
   */
  replaceModules?: Record<string, string>;
}

function replaceModulesPlugin(replacements: Record<string, string>) {
  return {
    name: 'calsync-replace-modules',
    enforce: 'pre' as const,
    resolveId(id: string, importer?: string) {
      if (!importer || !id.startsWith('.')) return null;
      const target = resolve(dirname(importer), id).replace(/\.(js|ts|tsx)$/, '');
      return replacements[target] ?? null;
    },
  };
}

export async function buildAddin(options: BuildOptions = {}): Promise<string> {
  const outDir = options.outDir ?? distDir;
  await build({
    ...common,
    root: addinDir,
    base: './',
    plugins: options.replaceModules ? [replaceModulesPlugin(options.replaceModules)] : [],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      // vite 8's polyfill import does not resolve from a programmatic build; every Outlook webview supports modulepreload.
      modulePreload: { polyfill: false },
      rollupOptions: { onwarn: quietDirectives, input: { taskpane: join(addinDir, 'taskpane/taskpane.html'), commands: join(addinDir, 'commands/commands.html') } },
    },
  });
  await build({
    ...common,
    root: addinDir,
    // The compose handler leaves `matches` rules to the server (see launchevent/pattern-rules.ts), so RE2 stays out of its bundle.
    plugins: [
      {
        name: 'calsync-no-re2',
        enforce: 'pre',
        resolveId: (id: string) => (id === 're2js' ? join(addinDir, 'launchevent/re2js-unavailable.ts') : null),
      },
    ],
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2019', // the classic Windows JS runtime is not the newest engine
      rollupOptions: { onwarn: quietDirectives },
      lib: { entry: join(addinDir, 'launchevent/launchevent.ts'), formats: ['iife'], name: 'CalSyncLaunchEvent', fileName: () => 'launchevent.js' },
    },
  });
  copyFileSync(join(addinDir, 'launchevent/launchevent.html'), join(outDir, 'launchevent.html'));
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  for (const size of ICON_SIZES) writeFileSync(join(outDir, 'assets', `icon-${size}.png`), calendarIconPng(size));
  return outDir;
}

if (require.main === module) {
  buildAddin().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

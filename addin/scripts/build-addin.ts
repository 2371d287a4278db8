/**
 * Builds addin/dist: the task pane, command page and sign-in dialog page (vite, ES modules), the launch-event bundle (one
 * classic script, as Outlook's JavaScript-only runtime on Windows needs), its HTML page, and the icons.
 * Build config comes from the environment: CALSYNC_CLIENT_ID, CALSYNC_API_SCOPE, CALSYNC_API_BASE_URL,
 * CALSYNC_AUTHORITY.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { minify } from 'terser';
import { build, type InlineConfig, type Plugin, type Rollup } from 'vite';
import type { BuildConfig } from '../config/build-config';
import { APP_PACKAGE_ICONS, calendarIconPng, ICON_SIZES, outlineIconPng } from './png-icons';

const addinDir = resolve(__dirname, '..');
const sharedDir = resolve(addinDir, '../shared');
export const distDir = join(addinDir, 'dist');

function buildDefine(overrides: Partial<BuildConfig> = {}): Record<string, string> {
  const config = {
    clientId: process.env.CALSYNC_CLIENT_ID ?? '',
    apiScope: process.env.CALSYNC_API_SCOPE ?? '',
    apiBaseUrl: process.env.CALSYNC_API_BASE_URL ?? '',
    authority: process.env.CALSYNC_AUTHORITY ?? '',
    ...overrides,
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
  oxc: { jsx: { runtime: 'automatic' } },
};

export interface BuildOptions {
  outDir?: string;
  /**
   * Source modules to swap, by absolute path without extension → replacement file. Only the browser tests
   * use it (a fake account instead of MSAL); the production build passes nothing.
   */
  replaceModules?: Record<string, string>;
  /** Build config over the environment's (the bench builds with a dummy client id so sign-in code runs). */
  config?: Partial<BuildConfig>;
  /** More vite plugins for the task pane build (bundle-composition.ts reads the chunks' module lists). */
  panePlugins?: Plugin[];
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

/**
 * The engine's RE2 import (shared/compile.ts) goes to addin/taskpane/re2-on-demand.ts in the task pane: RE2
 * (44 KB gz) then loads only when a rule with a `matches` condition is previewed. Other importers (the
 * editor's validator, re2-on-demand itself) get the real re2js.
 */
const re2OnDemand = {
  name: 'calsync-re2-on-demand',
  enforce: 'pre' as const,
  resolveId: (id: string, importer?: string) => {
    if (importer !== join(sharedDir, 'compile.ts')) return null;
    if (id === 're2js') return join(addinDir, 'taskpane/re2-on-demand.ts');
    // The sync's literal prefilter for patterns: the pane evaluates too few events to need it.
    if (id === './pattern-prefilter') return join(addinDir, 'taskpane/pattern-prefilter-off.ts');
    return null;
  },
};

/**
 * MSAL's chunk (every open loads it, to sign in silently) through terser before vite's own minifier (oxc): terser
 * splits MSAL's objects of constants into single constants and drops those never read, ~3.8 KB gz off the chunk,
 * which oxc does not. Only that chunk: terser over the whole pane quadruples the build for ~0.4 KB more.
 */
const msalThroughTerser: Plugin = {
  name: 'calsync-msal-terser',
  async renderChunk(code, chunk) {
    if (!Object.keys(chunk.modules).some((id) => id.includes('/node_modules/@azure/msal-'))) return null;
    const out = await minify(code, { module: true, compress: { passes: 2 } });
    return out.code ?? null;
  },
};

export async function buildAddin(options: BuildOptions = {}): Promise<string> {
  const outDir = options.outDir ?? distDir;
  const define = buildDefine(options.config);
  await build({
    ...common,
    define,
    root: addinDir,
    base: './',
    plugins: [
      re2OnDemand,
      msalThroughTerser,
      ...(options.replaceModules ? [replaceModulesPlugin(options.replaceModules)] : []),
      ...(options.panePlugins ?? []),
    ],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      // vite 8's polyfill import does not resolve from a programmatic build; every Outlook webview supports modulepreload.
      modulePreload: { polyfill: false },
      rollupOptions: {
        onwarn: quietDirectives,
        input: { taskpane: join(addinDir, 'taskpane/taskpane.html'), commands: join(addinDir, 'commands/commands.html') },
      },
    },
  });
  // The sign-in fallback's dialog page and redirect URI (addin/account/dialog-sign-in.ts), built on its own:
  // sharing chunks with the pane would split the pane's first load into more files.
  await build({
    ...common,
    define,
    root: addinDir,
    base: './',
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      modulePreload: { polyfill: false },
      rollupOptions: { onwarn: quietDirectives, input: { signIn: join(addinDir, 'auth/sign-in-dialog.html') } },
    },
  });
  await build({
    ...common,
    define,
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
      // Classic Outlook's JavaScript-only runtime for event-based add-ins runs ES2016 only before Version 2403
      // (Office-Add-in-samples 747); tests/addin/launch-event.browser.test.ts parses the bundle as ES2016.
      target: 'es2016',
      rollupOptions: { onwarn: quietDirectives },
      lib: { entry: join(addinDir, 'launchevent/launchevent.ts'), formats: ['iife'], name: 'CalSyncLaunchEvent', fileName: () => 'launchevent.js' },
    },
  });
  copyFileSync(join(addinDir, 'launchevent/launchevent.html'), join(outDir, 'launchevent.html'));
  // The manifest's SupportUrl (/support): a static page, served as support.html.
  copyFileSync(join(addinDir, 'support/support.html'), join(outDir, 'support.html'));
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  for (const size of ICON_SIZES) writeFileSync(join(outDir, 'assets', `icon-${size}.png`), calendarIconPng(size));
  // The app package's two icons too, so the build holds every icon of the add-in (calsync manifest --package renders
  // the same into its zip and needs no build).
  const { color, outline } = APP_PACKAGE_ICONS;
  writeFileSync(join(outDir, 'assets', color.file), calendarIconPng(color.size));
  writeFileSync(join(outDir, 'assets', outline.file), outlineIconPng(outline.size));
  return outDir;
}

if (require.main === module) {
  buildAddin().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

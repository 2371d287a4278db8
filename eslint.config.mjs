import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';

// Every Node built-in, bare and with the node: prefix. Prefix-only modules (node:test) are not in builtinModules:
// the node:* pattern below catches those.
const nodeBuiltins = [...new Set(builtinModules.flatMap((m) => (m.startsWith('node:') ? [m, m.slice(5)] : [m, `node:${m}`])))];
const browserOnly = 'shared/ runs in the browser too: no Node built-ins.';
const nodeGlobals = ['process', 'Buffer', 'global', '__dirname', '__filename', 'require', 'setImmediate'].map((name) => ({
  name,
  message: 'shared/ runs in the browser too: no Node globals.',
}));

/**
 * The layers (docs/ARCHITECTURE.md), each with the layers it may import; anything else it imports is an error.
 * Checked on resolved paths (import-x/no-restricted-paths), so `../services` and `../../server/services` are
 * the same import, and `import type` counts: a type from above still ties a layer to what sits above it.
 */
const layers = {
  // Time zones (CLDR's Windows names, Intl offsets): a library with no CalSync concept, so the Graph sandbox can use it too.
  zones: { paths: ['zones'], may: [] },
  shared: { paths: ['shared'], may: ['zones'] },
  // demo-connection.ts: the file a running demo leaves for the CLI, read by production installs too. config/: every
  // section of the configuration, whose types the layers above take (StoreConfig, GraphCredentialConfig).
  base: { paths: ['server/domain', 'server/config', 'server/demo-connection.ts'], may: ['shared'] },
  store: { paths: ['server/store'], may: ['shared', 'base'] },
  sync: { paths: ['server/sync'], may: ['shared', 'base', 'store'] },
  services: { paths: ['server/services'], may: ['shared', 'base', 'store'] },
  web: { paths: ['server/http', 'server/auth', 'server/routes', 'server/app.ts'], may: ['shared', 'base', 'store', 'sync', 'services'] },
  // The composition root: Graph access, the store, the queue and the sync built from the configuration, for
  // every entry point and the demo.
  compose: { paths: ['server/compose'], may: ['shared', 'base', 'store', 'sync'] },
  // The service's own entry points: they compose the layers below; none imports the sandbox or the demo itself
  // (`calsync start` reaches the demo through the launcher).
  entry: {
    paths: ['server/main.ts', 'server/worker-main.ts', 'server/cli'],
    may: ['shared', 'base', 'store', 'sync', 'services', 'web', 'compose', 'addin', 'launcher'],
  },
  // `npm start`: the service, or the demo when asked for one.
  launcher: { paths: ['server/start-main.ts'], may: ['shared', 'base', 'entry', 'demo'] },
  demo: { paths: ['demo'], may: ['zones', 'shared', 'base', 'store', 'sync', 'services', 'web', 'compose', 'sandbox', 'addin'] },
  // A stand-in for Microsoft Graph, its own package: it imports nothing of CalSync, only the zones library; its tests
  // likewise (a product test that drives the sandbox lives in tests/).
  sandbox: { paths: ['graph-sandbox/src'], may: ['zones'] },
  sandboxTests: { paths: ['graph-sandbox/tests'], may: ['zones', 'sandbox'] },
  addin: { paths: ['addin'], may: ['zones', 'shared'] },
};
const layerZones = Object.entries(layers).flatMap(([name, { paths, may, declared = [] }]) =>
  Object.entries(layers)
    .filter(([other]) => other !== name && !may.includes(other))
    .flatMap(([, layer]) => layer.paths)
    .map((from) => ({
      target: paths,
      from,
      except: declared.filter((file) => file.startsWith(`${from}/`)).map((file) => `./${file.slice(from.length + 1)}`),
      message: `${name} (${paths.join(', ')}) may import only ${may.join(', ') || 'itself'}${declared.length ? ` and ${declared.join(', ')}` : ''}; see docs/ARCHITECTURE.md.`,
    })),
);

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'addin/dist/**', 'coverage/**', 'data/**', 'test-artifacts/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    plugins: { 'import-x': importX },
    settings: {
      // Read .ts/.tsx dependencies with the TypeScript parser (what import-x's own typescript preset sets), resolved
      // by its bundled node resolver: extensionless imports find .ts files without another resolver package, and
      // the add-in's lazy `import('./x.js')` finds x.ts(x) as vite does. An import it cannot resolve is not checked.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: layerZones }],
      // Type-only imports are erased, so they cannot form a cycle at run time; the rule skips them.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // One composition root: the service's processes get Graph access from server/compose/graph.ts (one socket
    // sizing for all), never by building a credential and client of their own.
    files: ['server/**/*.ts', 'demo/**/*.ts'],
    ignores: ['server/compose/**', 'server/sync/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/sync/graph-client', '**/sync/credential'],
              importNames: ['createGraphAccess', 'createGraphCredential'],
              message: 'open Graph access through server/compose/graph.ts (openGraphAccess), the one place that wires and sizes it.',
            },
          ],
        },
      ],
    },
  },
  {
    // Rules that need the types (tsconfig.json's program): a promise nobody awaits or handles, one passed where a
    // plain function is expected (an event handler, a forEach), an await on a value that is not a promise.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // The pane's React: hooks called unconditionally, effects and memos listing what they read.
    files: ['addin/**/*.ts', 'addin/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // shared/ and zones/ run in the browser too: no Node built-ins.
    files: ['shared/**/*.ts', 'zones/**/*.ts'],
    rules: {
      // Exact names (`paths`), so a local module like ./events is not caught; subpaths (fs/promises) are listed.
      'no-restricted-imports': ['error', { paths: nodeBuiltins.map((name) => ({ name, message: browserOnly })), patterns: [{ group: ['node:*'], message: browserOnly }] }],
      'no-restricted-globals': ['error', ...nodeGlobals],
    },
  },
);

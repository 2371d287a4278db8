import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Every Node built-in, bare and with the node: prefix. Prefix-only modules (node:test) are not in builtinModules:
// the node:* pattern below catches those.
const nodeBuiltins = [...new Set(builtinModules.flatMap((m) => (m.startsWith('node:') ? [m, m.slice(5)] : [m, `node:${m}`])))];
const browserOnly = 'shared/ runs in the browser too: no Node built-ins.';
const nodeGlobals = ['process', 'Buffer', 'global', '__dirname', '__filename', 'require', 'setImmediate'].map((name) => ({
  name,
  message: 'shared/ runs in the browser too: no Node globals.',
}));

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
    // shared/ runs in the browser too: no Node built-ins.
    files: ['shared/**/*.ts'],
    rules: {
      // Exact names (`paths`), so a local module like ./events is not caught; subpaths (fs/promises) are listed.
      'no-restricted-imports': ['error', { paths: nodeBuiltins.map((name) => ({ name, message: browserOnly })), patterns: [{ group: ['node:*'], message: browserOnly }] }],
      'no-restricted-globals': ['error', ...nodeGlobals],
    },
  },
);

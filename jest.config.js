const os = require('node:os');

/** @type {import('jest').Config} */
// TypeScript is transpiled per file (type checking is `npm run typecheck`), and the ESM-only
// packages (jose, …) are transpiled to CommonJS so jest's module system can load them.
const esmOnly = ['jose'];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests', '<rootDir>/graph-sandbox/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  // The installed runtime's test has a script of its own (npm run test:runtime, jest.runtime.config.js).
  testPathIgnorePatterns: ['/node_modules/', '/tests/runtime/'],
  transform: {
    '^.+\\.(ts|tsx)$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
    '^.+\\.js$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
  },
  // The add-in's import('./x.js') (nodenext wants the suffix; vite maps it to x.ts): resolve it as './x', which
  // finds the TypeScript source here and x.js wherever a real .js file is meant.
  moduleNameMapper: { '^(\\.{1,2}/.+)\\.js$': '$1' },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  testTimeout: 30000,
  // Most files wait on servers, child processes and Chromium rather than compute, so two files at a time halve the
  // wall time even on a 2-core machine (jest's default there is 1): 1,406 s → 704 s for the whole suite (issue #14).
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  // A fresh clone has no timing cache: the long files start first, not last (tests/support/long-first-sequencer.js).
  testSequencer: '<rootDir>/tests/support/long-first-sequencer.js',
  // jsdom files: testing-library's waits end when what they wait for happens, not after a fixed second.
  setupFilesAfterEnv: ['<rootDir>/tests/support/async-waits.ts'],
};

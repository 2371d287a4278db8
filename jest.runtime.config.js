/** @type {import('jest').Config} */
// `npm run test:runtime`: the compiled runtime installed as the container installs it (tests/runtime). Apart from
// `npm test` because its `npm ci` alone takes over a minute on this machine.
const base = require('./jest.config.js');
module.exports = { ...base, testPathIgnorePatterns: ['/node_modules/'], testMatch: ['**/tests/runtime/**/*.test.ts'], testTimeout: 600000 };

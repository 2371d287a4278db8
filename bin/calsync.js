#!/usr/bin/env node
// The installed `calsync` command: TypeScript runs through tsx's CommonJS hook, then the real entry.
'use strict';
require('tsx/cjs');
const { runCli } = require('../server/cli/main.ts');

runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});

#!/usr/bin/env node
// The installed `calsync` command. An install (the container, `npm ci --omit=dev`) runs the build in dist/ with
// plain node. A development checkout, where the TypeScript sources are, runs them through tsx instead, so the
// command never runs a build older than the code beside it.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const source = join(root, 'server/cli/main.ts');
const built = join(root, 'dist/server/cli/main.js');
let entry = built;
if (existsSync(source)) {
  require('tsx/cjs');
  entry = source;
} else if (!existsSync(built)) {
  process.stderr.write('calsync: no build in dist/; run `npm run build` first\n');
  process.exit(1);
}
const { runCli } = require(entry);

runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});

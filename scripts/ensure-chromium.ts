/**
 * `npm test`'s set-up (the pretest script): makes sure the browser tests have a Chromium, or stops before the
 * type check and jest with one line saying what to run. See chromium.ts for the rules.
 */
import { spawnSync } from 'node:child_process';
import { planChromium, thisMachine } from './chromium';

function installDebianChromium(): boolean {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.error("npm test: no Chromium found; installing Debian's chromium (apt-get)");
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    if (spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env }).status !== 0) return false;
  }
  return true;
}

let plan = planChromium(thisMachine());
if (plan.kind === 'install') {
  const installed = installDebianChromium();
  plan = planChromium({ ...thisMachine(), canInstall: false });
  if (!installed && plan.kind !== 'found')
    plan = { kind: 'stop', message: "npm test: installing Debian's chromium failed; run `apt-get update && apt-get install -y chromium`" };
}
if (plan.kind === 'stop') {
  console.error(plan.message);
  process.exit(1);
}

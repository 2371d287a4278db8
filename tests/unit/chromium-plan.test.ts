/**
 * `npm test`'s Chromium set-up (scripts/chromium.ts): the browser named by CHROMIUM_PATH or Debian's; Debian's
 * installed when missing and the machine allows it (root with apt); otherwise one line naming the command to run.
 */
import { DEBIAN_CHROMIUM, planChromium, type Machine } from '../../scripts/chromium';

const machine = (files: string[], env: NodeJS.ProcessEnv = {}, canInstall = false): Machine => ({ env, exists: (p) => files.includes(p), canInstall });

test("uses Debian's chromium when it is there", () => {
  expect(planChromium(machine([DEBIAN_CHROMIUM]))).toEqual({ kind: 'found', path: DEBIAN_CHROMIUM });
});

test("CHROMIUM_PATH wins over Debian's", () => {
  expect(planChromium(machine([DEBIAN_CHROMIUM, '/opt/chrome/chrome'], { CHROMIUM_PATH: '/opt/chrome/chrome' }))).toEqual({
    kind: 'found',
    path: '/opt/chrome/chrome',
  });
});

test("installs Debian's chromium when none is there and the machine allows it", () => {
  expect(planChromium(machine([], {}, true))).toEqual({ kind: 'install' });
});

test('otherwise stops with one line naming the command to run', () => {
  const plan = planChromium(machine([]));
  expect(plan.kind).toBe('stop');
  const message = plan.kind === 'stop' ? plan.message : '';
  expect(message).not.toContain('\n');
  expect(message).toContain('`sudo apt-get install -y chromium`');
});

test('a CHROMIUM_PATH that does not exist stops rather than installing something else', () => {
  const plan = planChromium(machine([DEBIAN_CHROMIUM], { CHROMIUM_PATH: '/opt/missing' }, true));
  expect(plan).toMatchObject({ kind: 'stop', message: expect.stringContaining('CHROMIUM_PATH=/opt/missing does not exist') });
});

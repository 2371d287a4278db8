/**
 * Which Chromium the browser tests drive, and what `npm test` does when there is none: CHROMIUM_PATH when set,
 * else Debian's package. Never a downloaded browser build. When neither is there, a root user with apt gets
 * Debian's `chromium` installed; anyone else gets one line naming the command to run, before jest starts.
 */
import { existsSync } from 'node:fs';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const INSTALL_COMMAND = 'sudo apt-get install -y chromium';

/** The browser the tests launch (tests/addin/support/browser-harness.ts). */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH?.trim() || DEBIAN_CHROMIUM;
}

export type ChromiumPlan = { kind: 'found'; path: string } | { kind: 'install' } | { kind: 'stop'; message: string };

export interface Machine {
  env: NodeJS.ProcessEnv;
  exists(path: string): boolean;
  /** Root with apt-get on the PATH: allowed to install Debian's package. */
  canInstall: boolean;
}

export function planChromium(machine: Machine): ChromiumPlan {
  const path = chromiumPath(machine.env);
  if (machine.exists(path)) return { kind: 'found', path };
  if (machine.env.CHROMIUM_PATH?.trim())
    return {
      kind: 'stop',
      message: `npm test: CHROMIUM_PATH=${path} does not exist; point it at a Chromium binary or unset it and run \`${INSTALL_COMMAND}\``,
    };
  if (machine.canInstall) return { kind: 'install' };
  return { kind: 'stop', message: `npm test: the browser tests need Chromium; run \`${INSTALL_COMMAND}\` (or set CHROMIUM_PATH to a Chromium binary)` };
}

export function thisMachine(): Machine {
  const hasApt = ['/usr/bin/apt-get', '/bin/apt-get'].some((p) => existsSync(p));
  return { env: process.env, exists: existsSync, canInstall: process.getuid?.() === 0 && hasApt };
}

/**
 * Where the Outlook host shim lives, for the Node code that appends it to office.js: the browser-test
 * harness (tests/addin/support/browser-harness.ts, also the add-in bench) and the demo's office.js route
 * (demo/routes/office-route.ts). Not part of the add-in's build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const OUTLOOK_HOST_SHIM_FILE = join(__dirname, 'outlook-host-shim.js');
/** The sign-in part (NestedAppAuth, the Office dialog), which the main file calls: it goes first. */
export const OUTLOOK_SIGN_IN_SHIM_FILE = join(__dirname, 'outlook-sign-in-shim.js');

/** The shim as one script, its parts in the order they must run. */
export function outlookHostShimSource(): string {
  return [OUTLOOK_SIGN_IN_SHIM_FILE, OUTLOOK_HOST_SHIM_FILE].map((file) => readFileSync(file, 'utf8')).join('\n;');
}

/**
 * Where the Outlook host shim lives, for the Node code that appends it to office.js: the browser-test
 * harness (tests/addin/support/browser-harness.ts, also the add-in bench) and the demo's office.js route
 * (server/demo/routes/office-route.ts). Not part of the add-in's build.
 */
import { join } from 'node:path';

export const OUTLOOK_HOST_SHIM_FILE = join(__dirname, 'outlook-host-shim.js');

/**
 * `/demo/office/*`: the packaged office.js (and the files it loads next to itself) served locally, so the
 * task pane runs in any browser with no internet. office.js itself is followed by the demo people's sample
 * appointments and the Outlook host shim (addin/host-shim/outlook-host-shim.js, shared with the browser tests),
 * which stands in for the Office client: configured here with the samples, the default person and roaming
 * settings kept in the browser's localStorage per person.
 * The demo build points the pane's office.js script at this route (addin/demo/build-demo-addin.ts).
 *
 * office.js, framed by a page that is not an Office host, navigates its frame to about:blank (a guard
 * against add-ins being framed by strangers) unless the global `OsfOptOut` is defined. The demo's host page
 * frames the pane on purpose, from the same origin, so the demo copy defines it first.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { Router } from 'express';
import { outlookHostShimSource } from '../../addin/host-shim/host-shim-file';
import type { SandboxStore } from '../../graph-sandbox/src/store';
import { DEFAULT_DEMO_ACCOUNT, DEMO_ACCOUNTS } from '../demo-identities';
import { sampleAppointment, type SampleAppointment } from '../sample-appointment';

export const OFFICE_DIST = join(dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
/** The shim keeps each person's roaming settings in localStorage under this prefix + their key. */
const ROAMING_STORAGE_PREFIX = 'calsync-demo-roaming:';

/** JSON placed in a script: `<` escaped so no `</script>` can ever end it, wherever the text ends up. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function officeRoute(deps: { store: SandboxStore; now?: () => Date }): Router {
  const officeJs = readFileSync(join(OFFICE_DIST, 'office.js'), 'utf8');
  const shim = outlookHostShimSource();
  const router = Router();
  router.get('/demo/office/office.js', (_req, res) => {
    const samples: Record<string, SampleAppointment> = {};
    for (const account of DEMO_ACCOUNTS) {
      const sample = sampleAppointment(deps.store, account.upn, deps.now?.());
      if (sample) samples[account.key] = sample;
    }
    const config =
      `window.__CALSYNC_DEMO_SAMPLES__ = ${scriptJson(samples)};\n` +
      `window.__CALSYNC_DEMO_DEFAULT__ = ${scriptJson(DEFAULT_DEMO_ACCOUNT.key)};\n` +
      `window.__CALSYNC_SHIM_ROAMING_STORAGE__ = ${scriptJson(ROAMING_STORAGE_PREFIX)};\n`;
    res.type('text/javascript').set('Cache-Control', 'no-store').send(`window.OsfOptOut = true;\n${officeJs}\n;${config}${shim}`);
  });
  router.use('/demo/office', express.static(OFFICE_DIST, { index: false, dotfiles: 'ignore', redirect: false }));
  return router;
}

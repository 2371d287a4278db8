/**
 * Builds the add-in for the browser tests into the given directory, with the fake account in place of
 * MSAL. Run as a child process (vite is ESM; jest here is CommonJS): tsx build-test-bundle.ts <outDir>
 */
import { resolve } from 'node:path';
import { buildAddin } from '../../../addin/scripts/build-addin';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: build-test-bundle.ts <outDir>');
const root = resolve(__dirname, '../../..');
buildAddin({
  outDir: resolve(outDir),
  replaceModules: { [resolve(root, 'addin/account/account')]: resolve(__dirname, 'browser-test-account.ts') },
}).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

/**
 * `npm run dev`: builds addin/dist and serves it on https://localhost:3000 (the sideloading manifest's
 * base URL) with the Office development certificate from office-addin-dev-certs, installing it on first
 * use. The Rules API runs apart (`npm run serve`); CALSYNC_API_BASE_URL at build time points the pane at it.
 */
import { getHttpsServerOptions } from 'office-addin-dev-certs';
import { buildAddin, distDir } from './build-addin';
import { startStaticServer } from './static-server';

async function main(): Promise<void> {
  await buildAddin();
  const https = await getHttpsServerOptions();
  const port = Number(process.env.PORT ?? 3000);
  const { url } = await startStaticServer({ root: distDir, https, port });
  console.log(`CalSync add-in served from ${distDir} at ${url}/taskpane/taskpane.html`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

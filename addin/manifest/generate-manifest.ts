/**
 * Writes a deployable manifest from the repository's manifest.xml (which points at https://localhost:3000
 * for sideloading): every URL moves to --base-url, and WebApplicationInfo names the deployment's own app
 * registration. Usage:
 *   npm run manifest -- --base-url https://calsync.contoso.com --client-id <guid> [--out manifest.prod.xml]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const DEV_BASE_URL = 'https://localhost:3000';
const PLACEHOLDER_CLIENT_ID = '00000000-0000-0000-0000-000000000000';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ManifestOptions {
  baseUrl: string;
  /**
   * The add-in's Entra ID app (client) id. Required for a production manifest; a localhost one (sideloading)
   * keeps the placeholder when it is absent.
   */
  clientId?: string;
  /** The add-in's version, e.g. 1.2.0.0. */
  version?: string;
}

export class ManifestOptionError extends Error {}

export function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ManifestOptionError(`--base-url: not a URL: ${raw}`);
  }
  if (url.protocol !== 'https:') throw new ManifestOptionError('--base-url: Outlook loads add-ins over https only');
  if (url.search || url.hash) throw new ManifestOptionError('--base-url: no query or fragment');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** localhost and loopback addresses: a developer's own machine, where the placeholder app id is acceptable. */
export function isLocalBaseUrl(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The options both manifests are written with, checked once: a normalised base URL and an app id that is a GUID. */
export interface CheckedManifestOptions {
  baseUrl: string;
  clientId: string;
  version?: string;
}

export function checkManifestOptions(options: ManifestOptions): CheckedManifestOptions {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  // Without the real app id, nested app authentication and SSO fail for every user of a deployed add-in.
  if (options.clientId === undefined && !isLocalBaseUrl(baseUrl)) {
    throw new ManifestOptionError("--client-id: required for a production manifest (the add-in's Entra ID app registration GUID)");
  }
  const clientId = options.clientId ?? PLACEHOLDER_CLIENT_ID;
  if (!GUID.test(clientId)) throw new ManifestOptionError('--client-id: expected the app registration GUID');
  if (options.version !== undefined && !/^\d+(\.\d+){3}$/.test(options.version)) throw new ManifestOptionError('--version: expected four numbers, e.g. 1.2.0.0');
  return { baseUrl, clientId, version: options.version };
}

/** The app id URI Entra ID expects for nested app auth and SSO: api://<host>/<client id>. */
export function appIdUri({ baseUrl, clientId }: CheckedManifestOptions): string {
  return `api://${new URL(baseUrl).host}/${clientId}`;
}

export function renderManifest(template: string, options: ManifestOptions): string {
  const checked = checkManifestOptions(options);
  const { baseUrl, clientId } = checked;
  let xml = template
    .replace(/<!--[\s\S]*?-->/, `<!-- CalSync for ${baseUrl}: generated from manifest.xml by npm run manifest. Do not edit; regenerate. -->`)
    // The app id URI first, before the base URL it contains moves.
    .replace(/api:\/\/localhost:3000\/[0-9a-f-]{36}/gi, appIdUri(checked))
    .split(DEV_BASE_URL)
    .join(baseUrl)
    .replace(/(<WebApplicationInfo>\s*<Id>)[^<]*(<\/Id>)/, `$1${clientId}$2`);
  // AppDomain is an origin, never a path.
  xml = xml.replace(/<AppDomain>[^<]*<\/AppDomain>/, `<AppDomain>${new URL(baseUrl).origin}</AppDomain>`);
  if (options.version) xml = xml.replace(/<Version>[^<]*<\/Version>/, `<Version>${options.version}</Version>`);
  return xml;
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

export function main(args: string[]): number {
  const baseUrl = argValue(args, '--base-url');
  if (!baseUrl) {
    console.error('usage: npm run manifest -- --base-url https://calsync.contoso.com --client-id <guid> [--version 1.0.0.0] [--out file]');
    return 2;
  }
  const root = resolve(__dirname, '../..');
  try {
    const xml = renderManifest(readFileSync(resolve(root, 'manifest.xml'), 'utf8'), { baseUrl, clientId: argValue(args, '--client-id'), version: argValue(args, '--version') });
    const out = argValue(args, '--out');
    if (out) writeFileSync(resolve(out), xml);
    else process.stdout.write(xml);
    return 0;
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

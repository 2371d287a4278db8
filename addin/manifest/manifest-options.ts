/**
 * The deployment both manifests are written for, checked once: the base URL the add-in is served from and the
 * add-in's Entra ID app registration.
 */
import { GUID } from '../../shared/guid';

/** Where the committed manifest.xml points: the development server, for sideloading. */
export const DEV_BASE_URL = 'https://localhost:3000';
const PLACEHOLDER_CLIENT_ID = '00000000-0000-0000-0000-000000000000';

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
  if (options.version !== undefined && !/^\d+(\.\d+){3}$/.test(options.version))
    throw new ManifestOptionError('--version: expected four numbers, e.g. 1.2.0.0');
  return { baseUrl, clientId, version: options.version };
}

/** The app id URI Entra ID expects for nested app auth and SSO: api://<host>/<client id>. */
export function appIdUri({ baseUrl, clientId }: CheckedManifestOptions): string {
  return `api://${new URL(baseUrl).host}/${clientId}`;
}

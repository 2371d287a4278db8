/**
 * Serves the built add-in (addin/dist) from the API's origin. The API's own helmet headers forbid framing;
 * add-in pages must be framed by Outlook on the web, so they get their own policy: framing only by
 * Microsoft's Office hosts, scripts only from here and Office.js's CDN, tokens only to Entra ID and Graph.
 */
import express, { type RequestHandler, type Response } from 'express';

export const OFFICE_FRAME_ANCESTORS = [
  "'self'",
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.outlook.com',
  'https://outlook.live.com',
  'https://*.microsoft.com',
  'https://*.cloud.microsoft',
];

export const ADDIN_CSP = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  // Fluent UI (griffel) inserts its styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' https://login.microsoftonline.com https://graph.microsoft.com",
  // Sign-in only. office.js's own usage-telemetry frame (telemetryservice.firstpartyapps.oaspapps.com) stays
  // blocked: office.js works without it (the browser tests allow exactly that violation).
  'frame-src https://login.microsoftonline.com',
  "object-src 'none'",
  "base-uri 'self'",
  `frame-ancestors ${OFFICE_FRAME_ANCESTORS.join(' ')}`,
].join('; ');

function addinHeaders(res: Response): void {
  res.removeHeader('X-Frame-Options');
  res.setHeader('Content-Security-Policy', ADDIN_CSP);
  // Office caches add-in files aggressively; HTML must be revalidated so a deployment shows up.
  res.setHeader('Cache-Control', 'no-cache');
}

/**
 * Static files of the add-in; never directory listings, never dotfiles, never a path outside `dir`.
 * Extensionless page URLs find their .html file: the manifest's SupportUrl is /support (support.html).
 */
export function addinStatic(dir: string): RequestHandler {
  return express.static(dir, { index: false, dotfiles: 'ignore', redirect: false, extensions: ['html'], setHeaders: addinHeaders });
}

/**
 * Serves the built add-in (addin/dist) from the API's origin. The API's own helmet headers forbid framing;
 * add-in pages must be framed by Outlook on the web, so they get their own policy: framing only by
 * Microsoft's Office hosts, scripts only from here and Office.js's CDN, tokens only to Entra ID and Graph.
 */
import express, { type RequestHandler, type Response } from 'express';

/**
 * The pages that frame the task pane: Outlook on the web only (desktop and mobile Outlook load it top-level).
 * Hosts from Microsoft's frame-ancestors list for Outlook (MicrosoftDocs/msteams-docs,
 * msteams-platform/includes/tabs/content-security-policy-headers.md: outlook.office.com, outlook.office365.com,
 * outlook.live.com, *.cloud.microsoft where Outlook is moving); sovereign clouds' Outlook on the web:
 * GCC High and DoD (learn.microsoft.com/microsoft-365/enterprise/microsoft-365-u-s-government-gcc-high-endpoints)
 * and 21Vianet (learn.microsoft.com/previous-versions/office/office-365-api/api/o365-china-endpoints). Not
 * `*.microsoft.com` or `*.office.com`: any page on those would do, which is the clickjacking frame-ancestors is for.
 */
export const OFFICE_FRAME_ANCESTORS = [
  "'self'",
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook.live.com',
  'https://*.cloud.microsoft',
  'https://outlook.office365.us',
  'https://outlook-dod.office365.us',
  'https://partner.outlook.cn',
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

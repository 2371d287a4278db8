/**
 * The security headers every answer of the service gets (helmet's defaults: no framing, nosniff, a strict CSP,
 * HSTS, no referrer across origins). One definition for the API and the demo in front of it, so a demo route
 * is no softer than the service; routes that must differ (the add-in's pages, the demo's pages) set their own.
 */
import helmet from 'helmet';
import type { RequestHandler } from 'express';

export function securityHeaders(): RequestHandler {
  return helmet();
}

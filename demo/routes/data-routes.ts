/**
 * The demo pages' data:
 * - `GET /demo/api/calendar?week=YYYY-MM-DD`: the team calendar's week (team-calendar-data.ts), with an ETag
 *   so the page's poll every 2 s costs a 304 while nothing changed.
 * - `GET /demo/api/sample?user=megan`: the appointment the host page shows as open in "Outlook".
 * - `GET /demo/api/next-days?days=7&top=50&timeZone=…` (bearer, a demo token): the signed-in person's own
 *   events from now, as Graph JSON — the task pane's "next days" preview, which would call Graph's
 *   `/me/calendarView` with a delegated token the demo does not have. Read through the sandbox's Graph API
 *   with the sync's app-only client, since this is one request per preview and not a poll.
 */
import { createHash } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import { PREVIEW_EVENT_SELECT } from '../../shared/preview-select';
import { Router, type Response } from 'express';
import { requireAuth, principalOf } from '../../server/auth/middleware';
import type { TokenVerifier } from '../../server/auth/verifier';
import type { SandboxStore } from '../../graph-sandbox/src/store';
import { ApiError, badRequest } from '../../server/http/errors';
import { demoAccount } from '../demo-identities';
import { sampleAppointment } from '../sample-appointment';
import { teamWeek, weekStartFor } from '../team-calendar-data';

export interface DataRoutesDeps {
  store: SandboxStore;
  client: Client;
  verifier: TokenVerifier;
  /** The demo team, in the order the calendar shows them. */
  people: readonly string[];
  now?: () => Date;
}

function sendWithEtag(req: { headers: Record<string, string | string[] | undefined> }, res: Response, body: unknown): void {
  const text = JSON.stringify(body);
  const etag = `"${createHash('sha1').update(text).digest('base64url')}"`;
  res.set({ ETag: etag, 'Cache-Control': 'no-cache' });
  if (req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  res.type('application/json').send(text);
}

function intParam(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw badRequest(`${name} must be a whole number from ${min} to ${max}`, [{ path: name, message: `${min}–${max}` }]);
  return n;
}

function validTimeZone(zone: unknown): string {
  if (typeof zone !== 'string' || zone === '') return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

export function dataRoutes(deps: DataRoutesDeps): Router {
  const now = deps.now ?? (() => new Date());
  const router = Router();

  router.get('/demo/api/calendar', (req, res) => {
    const week = weekStartFor(typeof req.query.week === 'string' ? req.query.week : undefined, now());
    if (!week) throw badRequest('week must be a date, YYYY-MM-DD', [{ path: 'week', message: 'expected YYYY-MM-DD' }]);
    sendWithEtag(req, res, teamWeek(deps.store, deps.people, week));
  });

  router.get('/demo/api/sample', (req, res) => {
    const account = demoAccount(typeof req.query.user === 'string' ? req.query.user : undefined);
    if (!account) throw badRequest('no such demo user', [{ path: 'user', message: 'a demo user key' }]);
    sendWithEtag(req, res, { sample: sampleAppointment(deps.store, account.upn, now()) });
  });

  router.get('/demo/api/next-days', requireAuth(deps.verifier), async (req, res) => {
    const upn = principalOf(req).username;
    if (!upn || !deps.store.findMailbox(upn)) throw new ApiError('not_found', 'the signed-in person has no mailbox in the sandbox');
    const days = intParam(req.query.days, 'days', 1, 31, 7);
    const top = intParam(req.query.top, 'top', 1, 50, 50);
    const start = now();
    const body = (await deps.client
      .api(`/users/${encodeURIComponent(upn)}/calendarView`)
      .query({ startDateTime: start.toISOString(), endDateTime: new Date(start.getTime() + days * 86_400_000).toISOString() })
      .query({ $select: PREVIEW_EVENT_SELECT, $orderby: 'start/dateTime', $top: String(top) })
      .header('Prefer', `outlook.timezone="${validTimeZone(req.query.timeZone)}"`)
      .get()) as { value?: unknown[] };
    res.set('Cache-Control', 'no-store').json({ value: body.value ?? [] });
  });

  return router;
}

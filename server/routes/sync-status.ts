import { Router } from 'express';
import { z } from 'zod';
import { principalOf } from '../auth/middleware';
import { rateLimitPerUser } from '../http/rate-limit';
import type { SyncStatusService } from '../services/sync-status';
import { parseQuery } from './query';

const directoryQuery = z.strictObject({ q: z.string() });

/** Admin only (the service refuses others): sync status, the status line, "sync now", directory search. */
export function syncStatusRouter(status: SyncStatusService, options: { syncNowPerMinute?: number } = {}): Router {
  const router = Router();
  router.get('/sync/summary', async (req, res) => {
    res.json(await status.summary(principalOf(req)));
  });
  router.get('/sync/drift', async (req, res) => {
    res.json(await status.drift(principalOf(req)));
  });
  // Like "sync now": each press queues rounds, so it shares that limit.
  router.post('/sync/drift/restore', rateLimitPerUser({ limit: options.syncNowPerMinute ?? 10, what: 'restoring the colours' }), async (req, res) => {
    res.status(202).json({ queued: await status.restoreScheme(principalOf(req)) });
  });
  router.get('/sync/mailboxes', async (req, res) => {
    res.json({ items: await status.mailboxes(principalOf(req)) });
  });
  // Each press queues a round for every worker to pick up: limited per admin, beyond the API-wide limit.
  router.post('/sync/mailboxes/:mailbox/sync', rateLimitPerUser({ limit: options.syncNowPerMinute ?? 10, what: '"sync now"' }), async (req, res) => {
    await status.syncNow(principalOf(req), String(req.params.mailbox));
    res.status(202).json({ queued: true });
  });
  // Like "sync now": a round queued per press.
  router.post('/sync/mailboxes/:mailbox/undo', rateLimitPerUser({ limit: options.syncNowPerMinute ?? 10, what: 'removing the colours' }), async (req, res) => {
    await status.undo(principalOf(req), String(req.params.mailbox));
    res.status(202).json({ queued: true });
  });
  router.get('/directory/users', async (req, res) => {
    const { q } = parseQuery(req, directoryQuery);
    res.json({ items: await status.searchDirectory(principalOf(req), q) });
  });
  return router;
}

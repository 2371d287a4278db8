import { Router } from 'express';
import { ApiError } from '../http/errors';
import type { Stores } from '../store/types';

export function healthRouter(stores: Stores): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await stores.ping();
    } catch {
      throw new ApiError('unavailable', 'the store is not reachable');
    }
    res.json({ status: 'ready', store: stores.kind });
  });
  return router;
}

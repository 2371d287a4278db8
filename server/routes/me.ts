import { Router } from 'express';
import type { ApiMe } from '../../shared/api-types';
import { principalOf } from '../auth/middleware';

export function meRouter(): Router {
  const router = Router();
  router.get('/me', (req, res) => {
    const { tenantId, userId, isAdmin } = principalOf(req);
    res.json({ tenantId, userId, isAdmin } satisfies ApiMe);
  });
  return router;
}

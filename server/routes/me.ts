import { Router } from 'express';
import { principalOf } from '../auth/middleware';

export function meRouter(): Router {
  const router = Router();
  router.get('/me', (req, res) => {
    const { tenantId, userId, isAdmin } = principalOf(req);
    res.json({ tenantId, userId, isAdmin });
  });
  return router;
}

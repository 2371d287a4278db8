import { Router } from 'express';
import { z } from 'zod';
import { principalOf } from '../auth/middleware';
import type { RuleService } from '../services/rules';
import { parseQuery, querySchema } from './query';

const exportQuery = querySchema({ scope: z.enum(['org', 'personal']) });

export function transferRouter(rules: RuleService): Router {
  const router = Router();
  router.get('/export', async (req, res) => {
    const q = parseQuery(req, exportQuery);
    const file = await rules.exportSet(principalOf(req), q.scope);
    res.setHeader('Content-Disposition', `attachment; filename="calsync-${q.scope}-rules.json"`).json(file);
  });
  router.post('/import', async (req, res) => {
    res.json(await rules.importSet(principalOf(req), req.body));
  });
  return router;
}

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
  // A dry run: the pane shows what merge and replace would add, change and remove before anything is written.
  router.post('/import/preview', async (req, res) => {
    res.json(await rules.previewImport(principalOf(req), req.body));
  });
  router.post('/import', async (req, res) => {
    res.json(await rules.importSet(principalOf(req), req.body));
  });
  return router;
}

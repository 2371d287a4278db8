import { Router } from 'express';
import { principalOf } from '../auth/middleware';
import type { PreviewService } from '../services/preview';

export function previewRouter(preview: PreviewService): Router {
  const router = Router();
  router.post('/preview', async (req, res) => {
    res.json(await preview.preview(principalOf(req), req.body));
  });
  return router;
}

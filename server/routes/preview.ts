import { Router } from 'express';
import { principalOf } from '../auth/middleware';
import { rateLimitPerUser } from '../http/rate-limit';
import { PREVIEW_BUDGET, previewTextCost, type PreviewService } from '../services/preview';

export interface PreviewRouteOptions {
  /** Characters of event text one user may preview per minute (default PREVIEW_BUDGET.userCharsPerMinute). */
  userCharsPerMinute?: number;
}

export function previewRouter(preview: PreviewService, options: PreviewRouteOptions = {}): Router {
  const router = Router();
  // Charged before the work: a request over the per-request budget (413 in the service) is charged that budget.
  const budget = rateLimitPerUser({
    limit: options.userCharsPerMinute ?? PREVIEW_BUDGET.userCharsPerMinute,
    cost: (req) => Math.min(previewTextCost(req.body), PREVIEW_BUDGET.requestChars),
    what: 'the preview budget (characters of event text per minute)',
  });
  router.post('/preview', budget, async (req, res) => {
    res.json(await preview.preview(principalOf(req), req.body));
  });
  return router;
}

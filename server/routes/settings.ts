import { Router } from 'express';
import { principalOf } from '../auth/middleware';
import { toApiSettings, type SettingsService } from '../services/settings';

export function settingsRouter(settings: SettingsService): Router {
  const router = Router();
  router.get('/settings', async (req, res) => {
    const body = toApiSettings(await settings.get(principalOf(req)));
    res.setHeader('ETag', body.etag).json(body);
  });
  router.put('/settings', async (req, res) => {
    const body = toApiSettings(await settings.put(principalOf(req), req.body, req.get('If-Match')));
    res.setHeader('ETag', body.etag).json(body);
  });
  return router;
}

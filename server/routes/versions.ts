import { Router } from 'express';
import { z } from 'zod';
import { principalOf } from '../auth/middleware';
import { parseBody } from '../services/request-bodies';
import type { RuleVersionService } from '../services/rule-versions';
import { parseQuery } from './query';

const listQuery = z.strictObject({ scope: z.enum(['org', 'personal']).default('org') });
/** A restore takes no options: the body, when sent, is an empty object. */
const RestoreBody = z.strictObject({});

/** Rule-set versions (docs/API.md, "Rule-set versions"). Mounted before the rules router: "versions" is no rule id. */
export function versionsRouter(versions: RuleVersionService): Router {
  const router = Router();
  router.get('/rules/versions', async (req, res) => {
    const list = await versions.list(principalOf(req), parseQuery(req, listQuery).scope);
    res.setHeader('ETag', list.setEtag).json(list);
  });
  router.get('/rules/versions/:versionId', async (req, res) => {
    const detail = await versions.get(principalOf(req), req.params.versionId as string);
    res.setHeader('ETag', detail.setEtag).json(detail);
  });
  router.post('/rules/versions/:versionId/restore', async (req, res) => {
    parseBody(RestoreBody, req.body ?? {}, 'restore request');
    const result = await versions.restore(principalOf(req), req.params.versionId as string, req.get('If-Match'));
    res.setHeader('ETag', result.setEtag).json(result);
  });
  return router;
}

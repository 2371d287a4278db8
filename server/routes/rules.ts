import { Router, type Response } from 'express';
import { z } from 'zod';
import { principalOf } from '../auth/middleware';
import { notFound } from '../http/errors';
import { RULE_ID } from '../../shared';
import { toApiRule } from '../services/rule-documents';
import type { RuleService } from '../services/rules';
import type { StoredRule } from '../store/types';
import { parseQuery, querySchema } from './query';

function sendRule(res: Response, rule: StoredRule, status = 200): void {
  const body = toApiRule(rule);
  res.status(status).setHeader('ETag', body.etag).json(body);
}

const listQuery = querySchema({ scope: z.enum(['org', 'personal', 'effective']).default('effective') });

export function rulesRouter(rules: RuleService): Router {
  const router = Router();

  router.get('/rules', async (req, res) => {
    const p = principalOf(req);
    const q = parseQuery(req, listQuery);
    if (q.scope === 'effective') {
      // The hot path: the serialized body is cached with the set and dropped with it.
      const entry = await rules.effectiveEntry(p);
      entry.json ??= JSON.stringify({ scope: 'effective', items: entry.value.map(toApiRule) });
      res.type('application/json').send(entry.json);
      return;
    }
    const page = await rules.list(p, q.scope, { limit: q.limit, continuationToken: q.continuationToken });
    res.json({ scope: q.scope, items: page.items.map(toApiRule), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) });
  });

  router.post('/rules', async (req, res) => {
    const created = await rules.create(principalOf(req), req.body);
    res.setHeader('Location', `/api/rules/${created.id}`);
    sendRule(res, created, 201);
  });

  router.put('/rules/order', async (req, res) => {
    const items = await rules.reorder(principalOf(req), req.body);
    res.json({ items: items.map(toApiRule) });
  });

  // Ids that cannot be rule ids are simply not found.
  router.param('id', (_req, _res, next, id: string) => {
    if (!RULE_ID.test(id)) throw notFound();
    next();
  });

  router.get('/rules/:id', async (req, res) => {
    sendRule(res, await rules.get(principalOf(req), req.params.id as string));
  });

  router.put('/rules/:id', async (req, res) => {
    sendRule(res, await rules.replace(principalOf(req), req.params.id as string, req.body, req.get('If-Match')));
  });

  router.delete('/rules/:id', async (req, res) => {
    await rules.remove(principalOf(req), req.params.id as string, req.get('If-Match'));
    res.status(204).end();
  });

  return router;
}

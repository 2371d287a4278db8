import { Router } from 'express';
import { z } from 'zod';
import { principalOf } from '../auth/middleware';
import { forbidden } from '../http/errors';
import type { AuditEntry, AuditQuery, Stores } from '../store/types';
import { parseQuery, querySchema } from './query';

const auditQuery = querySchema({ scope: z.enum(['org', 'personal', 'settings']).optional() });

function toApiEntry(entry: AuditEntry) {
  const { tenantId, key, ...rest } = entry;
  void tenantId;
  return { id: key, ...rest };
}

/** Admins read the org and settings history; anyone reads the history of their own personal rules. */
export function auditRouter(stores: Stores): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    const p = principalOf(req);
    const q = parseQuery(req, auditQuery);
    let query: AuditQuery;
    if (q.scope === 'personal') query = { tenantId: p.tenantId, scopes: ['personal'], ownerId: p.userId };
    else {
      if (!p.isAdmin) throw forbidden('only CalSync admins can read the audit log');
      query = { tenantId: p.tenantId, scopes: q.scope ? [q.scope] : ['org', 'settings'] };
    }
    const page = await stores.audit.list(query, { limit: q.limit, continuationToken: q.continuationToken });
    res.json({ items: page.items.map(toApiEntry), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) });
  });
  return router;
}

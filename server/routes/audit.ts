import { Router } from 'express';
import { z } from 'zod';
import type { ApiAuditEntry } from '../../shared/api-types';
import { principalOf } from '../auth/middleware';
import { forbidden } from '../http/errors';
import type { AuditEntry, AuditQuery, Stores } from '../store/types';
import { parseQuery, querySchema } from './query';

const auditQuery = querySchema({ scope: z.enum(['org', 'personal', 'settings']).optional() });

/** An entry as the API sends it (shared/api-types.ts: the add-in reads the same type). */
export function toApiEntry(entry: AuditEntry): ApiAuditEntry {
  const { tenantId, key, ...rest } = entry;
  void tenantId;
  const ruleName = entry.ruleId ? (nameOf(entry.after) ?? nameOf(entry.before)) : undefined;
  return { id: key, ...rest, ...(ruleName ? { ruleName } : {}) };
}

function nameOf(doc: unknown): string | undefined {
  const name = (doc as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * The audit log is for admins only (every scope): a non-admin gets 403. By default the org and settings history
 * of the tenant; `scope=personal` is the admin's own personal rules' history (personal rules, and so their
 * history, are visible to their owner only).
 */
export function auditRouter(stores: Stores): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    const p = principalOf(req);
    if (!p.isAdmin) throw forbidden('only CalSync admins can read the audit log');
    const q = parseQuery(req, auditQuery);
    const query: AuditQuery =
      q.scope === 'personal'
        ? { tenantId: p.tenantId, scopes: ['personal'], ownerId: p.userId }
        : { tenantId: p.tenantId, scopes: q.scope ? [q.scope] : ['org', 'settings'] };
    const page = await stores.audit.list(query, { limit: q.limit, continuationToken: q.continuationToken });
    res.json({ items: page.items.map(toApiEntry), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) });
  });
  return router;
}

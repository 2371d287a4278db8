import type { Request } from 'express';
import { z } from 'zod';
import { badRequest } from '../http/errors';
import { zodDetails } from '../services/request-bodies';

const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  continuationToken: z.string().min(1).max(8192).optional(),
});

/** A query schema: paging parameters plus `shape`, nothing else. Build it once, at module load. */
export function querySchema<T extends z.ZodRawShape>(shape: T) {
  return PageQuery.extend(shape).strict();
}

/** Parses a query string with a schema from `querySchema`; repeated parameters (arrays) are refused. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const r = schema.safeParse(req.query);
  if (!r.success) throw badRequest('invalid query parameters', zodDetails(r.error));
  return r.data;
}

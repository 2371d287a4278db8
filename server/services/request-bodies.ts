/** Request-body helpers shared by the services: zod and rule-engine issues as problem-detail entries. */
import type { z } from 'zod';
import { formatPath, type RuleIssue } from '../../shared';
import { badRequest, type ErrorDetail } from '../domain/errors';

export function issuesToDetails(issues: RuleIssue[], prefix = ''): ErrorDetail[] {
  return issues.map((i) => ({
    path: prefix ? (i.path ? (i.path.startsWith('[') ? `${prefix}${i.path}` : `${prefix}.${i.path}`) : prefix) : i.path,
    message: i.message,
    code: i.code,
  }));
}

/** Body objects may echo `etag` back; it is ignored (If-Match carries the precondition). */
export function withoutEtag(body: unknown): unknown {
  if (body && typeof body === 'object' && !Array.isArray(body) && 'etag' in body) {
    const { etag, ...rest } = body as Record<string, unknown>;
    void etag;
    return rest;
  }
  return body;
}

export function requireObject(body: unknown, what: string): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest(`the body must be ${what}`, [{ path: '', message: 'expected an object' }]);
  return body as Record<string, unknown>;
}

export function zodDetails(error: z.ZodError, prefix: PropertyKey[] = []): ErrorDetail[] {
  return error.issues.map((i) => ({ path: formatPath([...prefix, ...i.path]), message: i.message }));
}

export function parseBody<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (!r.success) throw badRequest(`invalid ${what}`, zodDetails(r.error));
  return r.data;
}

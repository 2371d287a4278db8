import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ApiError } from './errors';
import { principalOf } from '../auth/middleware';

export interface RateLimitOptions {
  /** Cost units per user per window (requests, when `cost` is left out). */
  limit: number;
  windowMs?: number;
  now?: () => number;
  /** Most users tracked at once (oldest windows are dropped first). */
  maxKeys?: number;
  /** What a request costs (default 1): e.g. the characters of event text a preview evaluates. */
  cost?: (req: Request) => number;
  /** Names what ran out in the refusal ("<what> used up"), e.g. "the preview budget"; default "too many requests". */
  what?: string;
}

/**
 * Fixed-window per-user limit (tenant + user from the token), in memory: each instance limits on its own,
 * which bounds abuse per instance; a shared limiter belongs in front of the service (API gateway).
 * A refused request still spends its cost, so a flood keeps its sender refused until the window ends.
 */
export function rateLimitPerUser(options: RateLimitOptions) {
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 100_000;
  const windows = new Map<string, { start: number; used: number }>();
  return (req: Request, res: Response, next: NextFunction): void => {
    const p = principalOf(req);
    const key = `${p.tenantId}/${p.userId}`;
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= windowMs) {
      if (!w && windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
      w = { start: t, used: 0 };
      windows.delete(key);
      windows.set(key, w);
    }
    w.used += options.cost ? options.cost(req) : 1;
    if (w.used > options.limit) {
      const retryAfter = Math.max(1, Math.ceil((w.start + windowMs - t) / 1000));
      const message = options.what ? `${options.what} used up` : 'too many requests';
      throw new ApiError('rate_limited', `${message}; retry in ${retryAfter} s`, [], { 'Retry-After': String(retryAfter) });
    }
    next();
  };
}

/**
 * Fixed-window limit per client address, for the routes that have no user (the public notification endpoint).
 * The address is `req.ip`, so it is the caller's only as far as the app's `trust proxy` setting is right: behind
 * a front end, trust exactly its hops, or every caller shares the front end's address (see docs/API.md).
 * In memory, per instance, like rateLimitPerUser; IPv6 callers are grouped by /56 (express-rate-limit's default).
 */
export function rateLimitPerClientAddress(options: { limit: number; windowMs?: number }): RequestHandler {
  return rateLimit({
    limit: options.limit,
    windowMs: options.windowMs ?? 60_000,
    standardHeaders: false,
    legacyHeaders: false,
    // Its check writes to the console; with trust proxy false the header is ignored, which is the safe default.
    validate: { xForwardedForHeader: false },
    handler: (req, _res, next) => {
      const resetAt = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime?.getTime() ?? Date.now() + 1000;
      const retryAfter = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
      next(new ApiError('rate_limited', `too many requests from this address; retry in ${retryAfter} s`, [], { 'Retry-After': String(retryAfter) }));
    },
  });
}

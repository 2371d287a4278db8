import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../http/errors';
import type { Principal, TokenVerifier } from './verifier';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

// The scheme is case-insensitive (RFC 7235 §2.1): "bearer x" is as valid as "Bearer x".
const BEARER = /^Bearer +([A-Za-z0-9\-_.~+/]+=*)$/i;

/** Requires a valid bearer token; sets `req.principal`. Tenant and user come from here only. */
export function requireAuth(verifier: TokenVerifier) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const header = req.headers.authorization;
    if (!header) throw new ApiError('unauthorized', 'sign in: send an access token as "Authorization: Bearer …"', [], { 'WWW-Authenticate': 'Bearer' });
    const match = BEARER.exec(header);
    if (!match)
      throw new ApiError('unauthorized', 'the Authorization header is not a bearer token', [], { 'WWW-Authenticate': 'Bearer error="invalid_request"' });
    req.principal = await verifier.verify(match[1]!);
    next();
  };
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw new Error('route mounted without requireAuth');
  return req.principal;
}

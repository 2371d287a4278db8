import express, { type NextFunction, type Request, type Response } from 'express';
import { ApiError } from './errors';

export const MAX_BODY_BYTES = 256 * 1024;

/** POST/PUT/PATCH must carry JSON: anything else is 415 before the body is read. */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
    if (!req.is('application/json')) {
      throw new ApiError('unsupported_media_type', 'send the body as application/json', [{ path: 'Content-Type', message: 'expected application/json' }]);
    }
  }
  next();
}

export const jsonBody = express.json({ limit: MAX_BODY_BYTES, strict: true, type: 'application/json' });

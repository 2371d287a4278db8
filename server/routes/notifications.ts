/**
 * `POST /api/notifications`: where Graph delivers change and lifecycle notifications. No bearer token — Graph
 * does not send one; each notification's clientState (checked by the receiver) is what authenticates it.
 *
 * - `?validationToken=…` (subscription creation): echo the token as text/plain, 200.
 * - `{ value: [...] }`: hand the notifications to the receiver, then 202 — also for forged or unknown ones, so a
 *   caller learns nothing from the status. A receiver failure (queue down) is a 5xx, and Graph retries.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { ApiError } from '../http/errors';

export interface NotificationReceiver {
  /** Checks and acts on one delivery's notifications; resolves once they are queued. */
  receive(notifications: unknown[]): Promise<void>;
}

/** Graph's validation tokens are short; anything far longer is not one. */
const MAX_VALIDATION_TOKEN = 1024;
/** Graph sends at most a few hundred notifications per POST; a megabyte is plenty. */
const parseJson = express.json({ limit: '1mb', strict: true, type: ['application/json', 'application/*+json'] });

export function notificationsRouter(receiver: NotificationReceiver): Router {
  const router = Router();
  router.post(
    '/',
    (req: Request, res: Response, next: NextFunction) => {
      const token = req.query.validationToken;
      if (token === undefined) return next();
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_VALIDATION_TOKEN) {
        throw new ApiError('validation_failed', 'invalid validationToken', [{ path: 'validationToken', message: `1–${MAX_VALIDATION_TOKEN} characters` }]);
      }
      // text/plain plus helmet's nosniff: the echoed text is never rendered as markup.
      res.status(200).type('text/plain; charset=utf-8').send(token);
    },
    parseJson,
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const value = (req.body as { value?: unknown } | undefined)?.value;
        if (!Array.isArray(value)) {
          throw new ApiError('validation_failed', 'expected { value: [...] }', [{ path: 'value', message: 'an array of notifications' }]);
        }
        await receiver.receive(value);
        res.status(202).end();
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}

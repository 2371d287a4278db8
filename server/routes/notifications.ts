/**
 * `POST /api/notifications`: where Graph delivers change and lifecycle notifications. No bearer token — Graph
 * does not send one; each notification's clientState (checked by the receiver) is what authenticates it.
 *
 * - `?validationToken=…` (subscription creation): echo the token as text/plain, 200.
 * - `{ value: [...] }`: hand the notifications to the receiver, then 202 — also for forged or unknown ones, so a
 *   caller learns nothing from the status. A receiver failure (queue and inbox down) is a 5xx, and Graph retries.
 * Anyone can call it, so each caller address is rate-limited and a delivery's size is capped before any work.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { ApiError } from '../http/errors';
import { rateLimitPerClientAddress } from '../http/rate-limit';
import type { NotificationReceiver } from '../sync/ports';

/** Graph's validation tokens are short; anything far longer is not one. */
const MAX_VALIDATION_TOKEN = 1024;
/**
 * A notification without resource data (all CalSync subscribes to) is well under 1 KB, and Graph batches a few
 * per POST (https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#change-notification-example);
 * these caps (the API's 256 KB body limit) leave a wide margin and bound what one forged POST can ask for.
 */
export const MAX_NOTIFICATION_BODY_BYTES = 256 * 1024;
export const MAX_NOTIFICATIONS_PER_DELIVERY = 1_000;
/** Deliveries per caller address per minute (Graph delivers from many addresses). */
export const DEFAULT_NOTIFICATIONS_PER_MINUTE = 600;

const parseJson = express.json({ limit: MAX_NOTIFICATION_BODY_BYTES, strict: true, type: ['application/json', 'application/*+json'] });

export interface NotificationsRouteOptions {
  /** Deliveries (and validation calls) per client address per minute; default DEFAULT_NOTIFICATIONS_PER_MINUTE. */
  perMinutePerAddress?: number;
}

export function notificationsRouter(receiver: NotificationReceiver, options: NotificationsRouteOptions = {}): Router {
  const router = Router();
  router.post(
    '/',
    rateLimitPerClientAddress({ limit: options.perMinutePerAddress ?? DEFAULT_NOTIFICATIONS_PER_MINUTE }),
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
        if (value.length > MAX_NOTIFICATIONS_PER_DELIVERY) {
          throw new ApiError('payload_too_large', `at most ${MAX_NOTIFICATIONS_PER_DELIVERY} notifications per delivery`, [
            { path: 'value', message: `${value.length} items` },
          ]);
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

/**
 * Every request it guards is answered by its deadline: at the deadline, if nothing has been sent, the one error
 * middleware answers 503 deadline_exceeded with Retry-After, and the request's store calls stop (the deadline is
 * the store's too: store/deadline.ts). What the route does after that is dropped (error-middleware.ts).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { runWithDeadline } from '../store/deadline';
import { ApiError } from './errors';

/** Seconds a client waits before sending a request again that met a deadline or was shed. */
export const OVERLOAD_RETRY_AFTER_SECONDS = 1;

export function deadlineExceeded(): ApiError {
  return new ApiError('deadline_exceeded', 'the service is busy and did not finish this request in time; try again shortly', [], {
    'Retry-After': String(OVERLOAD_RETRY_AFTER_SECONDS),
  });
}

const ANSWERED = Symbol('answeredAtDeadline');

/** Whether the deadline, not the route, answered this request. */
export function answeredAtDeadline(res: Response): boolean {
  return (res.locals as { [ANSWERED]?: boolean })[ANSWERED] === true;
}

export type ErrorAnswer = (err: unknown, req: Request, res: Response, next: NextFunction) => void;

/** `answer` is the app's error middleware, so the deadline's refusal is rendered like every other. */
export function requestDeadline(options: { ms: number; answer: ErrorAnswer }): RequestHandler {
  return (req, res, next) => {
    const controller = new AbortController();
    const at = Date.now() + options.ms;
    const timer = setTimeout(() => {
      controller.abort();
      if (res.headersSent || res.writableEnded) return;
      options.answer(deadlineExceeded(), req, res, () => undefined);
      (res.locals as { [ANSWERED]?: boolean })[ANSWERED] = true;
    }, options.ms);
    res.once('close', () => clearTimeout(timer));
    runWithDeadline({ at, signal: controller.signal }, next);
  };
}

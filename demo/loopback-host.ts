/**
 * The demo answers only requests that name it by a loopback host. It listens on 127.0.0.1, but a web page from
 * anywhere whose DNS name is made to point at 127.0.0.1 (DNS rebinding) would be same-origin with the demo
 * in the browser, and could fetch an admin token from `/demo/token`. Such requests carry that page's host
 * name in `Host`; they get 421 Misdirected Request.
 */
import type { NextFunction, Request, Response } from 'express';

export function loopbackHostOnly(port: number) {
  const allowed = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (allowed.has((req.headers.host ?? '').toLowerCase())) return next();
    res.status(421).type('text/plain').send(`the CalSync demo answers only http://127.0.0.1:${port} and http://localhost:${port}`);
  };
}

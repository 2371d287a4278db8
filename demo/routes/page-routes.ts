/**
 * The demo's own pages, built from demo/pages by the demo build (`<build>/demo-pages`): `/demo/`
 * hosts the real task pane beside a stand-in for Outlook, `/demo/team` is the team calendar; `/` leads to
 * the first, `/favicon.ico` is the add-in's icon. Their policy allows only this origin (the task pane frame
 * included) and no framing of the pages themselves.
 */
import { join } from 'node:path';
import express, { Router, type Response } from 'express';

export const DEMO_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function pageHeaders(res: Response): void {
  res.set({
    'Content-Security-Policy': DEMO_PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
}

export function pageRoutes(buildDir: string): Router {
  const pagesDir = join(buildDir, 'demo-pages');
  // Strict: '/demo' and '/demo/' are different paths (the first redirects to the second).
  const router = Router({ strict: true });
  const page = (file: string) => (_req: unknown, res: Response) => {
    pageHeaders(res);
    res.sendFile(join(pagesDir, file));
  };
  router.get('/', (_req, res) => res.redirect(302, '/demo/'));
  router.get('/demo', (_req, res) => res.redirect(302, '/demo/'));
  router.get('/favicon.ico', (_req, res) => {
    res
      .set('Cache-Control', 'max-age=3600')
      .type('image/png')
      .sendFile(join(buildDir, 'assets', 'icon-32.png'));
  });
  router.get('/demo/', page('index.html'));
  router.get('/demo/team', page('team.html'));
  router.use('/demo/assets', express.static(join(pagesDir, 'assets'), { index: false, dotfiles: 'ignore', redirect: false, setHeaders: pageHeaders }));
  return router;
}

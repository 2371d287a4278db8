/**
 * The few cookie helpers the service's browser pages (/onboard, /operator) share: the request's public origin, one
 * named cookie from the Cookie header, and the attributes a cookie gets there. The API itself never reads cookies.
 */
import type { CookieOptions, Request } from 'express';

/** The service's public origin (CALSYNC_PUBLIC_URL) or, without it, the origin the request came to. */
export const publicOrigin = (req: Request, publicUrl: string | undefined): string => publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;

/** Plain http on a loopback address (the demo, tests): the one place a cookie may go without `Secure`. */
export const isLoopbackHttp = (origin: string): boolean => /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin);

/** One named cookie from the Cookie header. */
export function cookieNamed(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * HttpOnly, scoped to `path`, Secure except on loopback http. `crossSitePost`: the cookie must come back on a POST
 * from Entra's origin (response_mode=form_post), which browsers send only with SameSite=None, itself only with
 * Secure; on loopback http (where Entra is a stand-in on the same site) Lax does.
 */
export function pageCookie(origin: string, path: string, maxAgeMs: number, crossSitePost = false): CookieOptions {
  const secure = !isLoopbackHttp(origin);
  return { httpOnly: true, secure, sameSite: crossSitePost && secure ? 'none' : 'lax', path, maxAge: maxAgeMs };
}

/**
 * The operator page's session: after the ID token checked out (auth/operator-id-token.ts), who signed in and until
 * when, in an HMAC-signed, HttpOnly cookie scoped to /operator. Short-lived on purpose: signing in again is one
 * redirect while the Entra session lasts, and a lost operator role stops working within the hour.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OperatorIdentity } from '../../auth/operator-id-token';

export const OPERATOR_SESSION_COOKIE = 'calsync_operator';
export const OPERATOR_STATE_COOKIE = 'calsync_operator_state';
export const OPERATOR_SESSION_TTL_MS = 60 * 60_000;

export class OperatorSessions {
  constructor(
    private readonly key: Uint8Array,
    private readonly now: () => number = Date.now,
  ) {
    if (key.length < 32) throw new Error('the operator session key must be at least 32 bytes');
  }

  issue(identity: OperatorIdentity): string {
    const body = Buffer.from(JSON.stringify({ u: identity.userId, n: identity.name, e: this.now() + OPERATOR_SESSION_TTL_MS })).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** The signed-in operator, or undefined for no cookie, a forged one or an expired one. */
  read(cookie: string | undefined): OperatorIdentity | undefined {
    const [body, signature, extra] = (cookie ?? '').split('.');
    if (!body || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const session = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { u: string; n: string; e: number };
    return session.e > this.now() ? { userId: session.u, name: session.n } : undefined;
  }

  private sign(value: string): string {
    // A purpose prefix: the same key may sign the onboarding state cookie, and neither must pass for the other.
    return createHmac('sha256', this.key).update(`operator-session:${value}`).digest('base64url');
  }
}

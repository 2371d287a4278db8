/**
 * The admin-consent round trip's `state`, bound to the browser that started it (issue #15): a random nonce goes to
 * Entra as `state` and into a signed, short-lived, HttpOnly cookie; the callback accepts the state only when it equals
 * the cookie's nonce, the signature holds, the cookie has not expired and the nonce was not used before. A state from
 * another browser (no cookie, or another nonce), a forged cookie and a replayed callback are refused. Used nonces are
 * remembered until they expire, in this process (lru-cache through expiring-entries); behind several instances a
 * replay could reach another one, but the cookie is cleared on first use, so only a stolen cookie could try.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ExpiringEntries } from '../../services/expiring-entries';

export const CONSENT_COOKIE = 'calsync_onboard';
/** Long enough to read the page, sign in as a global admin and consent; short enough that a leaked state is stale. */
export const CONSENT_STATE_TTL_MS = 10 * 60_000;

export type StateVerdict = { ok: true } | { ok: false; reason: 'missing' | 'mismatch' | 'forged' | 'expired' | 'replayed' };

export class ConsentStates {
  private readonly used: ExpiringEntries<true>;

  constructor(
    private readonly key: Uint8Array,
    private readonly now: () => number = Date.now,
  ) {
    if (key.length < 32) throw new Error('the onboarding state key must be at least 32 bytes');
    this.used = new ExpiringEntries<true>(100_000, now);
  }

  /** A new state for one consent round trip: the nonce for Entra, and the cookie value that binds it. */
  issue(): { state: string; cookie: string } {
    const nonce = randomBytes(24).toString('base64url');
    const expires = String(this.now() + CONSENT_STATE_TTL_MS);
    return { state: nonce, cookie: `${nonce}.${expires}.${this.sign(`${nonce}.${expires}`)}` };
  }

  /** Checks the callback's state against the cookie, and spends it. */
  redeem(state: string | undefined, cookie: string | undefined): StateVerdict {
    if (!state || !cookie) return { ok: false, reason: 'missing' };
    const [nonce, expires, signature] = cookie.split('.');
    if (!nonce || !expires || !signature || !equal(signature, this.sign(`${nonce}.${expires}`))) return { ok: false, reason: 'forged' };
    if (!equal(state, nonce)) return { ok: false, reason: 'mismatch' };
    if (!(Number(expires) > this.now())) return { ok: false, reason: 'expired' };
    if (this.used.get(nonce, 0)) return { ok: false, reason: 'replayed' };
    this.used.set(nonce, { value: true, until: Number(expires), gen: 0 });
    return { ok: true };
  }

  private sign(value: string): string {
    return createHmac('sha256', this.key).update(value).digest('base64url');
  }
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The admin-consent state: bound to the cookie that carried it, signed, single use, and good for 10 minutes only. */
import { randomBytes } from 'node:crypto';
import { CONSENT_STATE_TTL_MS, ConsentStates } from '../../../server/http/onboard/consent-state';

describe('consent state', () => {
  let clock = 1_000_000;
  const states = new ConsentStates(randomBytes(32), () => clock);

  it('is redeemed once, with its own cookie, until it expires', () => {
    const a = states.issue();
    const b = states.issue();
    expect(states.redeem(a.state, b.cookie)).toEqual({ ok: false, reason: 'mismatch' });
    expect(states.redeem(a.state, undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(states.redeem(a.state, a.cookie)).toEqual({ ok: true });
    expect(states.redeem(a.state, a.cookie)).toEqual({ ok: false, reason: 'replayed' });

    const late = states.issue();
    clock += CONSENT_STATE_TTL_MS - 1;
    const justInTime = states.issue();
    clock += 1;
    expect(states.redeem(late.state, late.cookie)).toEqual({ ok: false, reason: 'expired' });
    expect(states.redeem(justInTime.state, justInTime.cookie)).toEqual({ ok: true });
  });

  it('refuses a cookie whose expiry or nonce was changed, or that another key signed', () => {
    const a = states.issue();
    const [nonce, expires, signature] = a.cookie.split('.');
    expect(states.redeem(a.state, `${nonce}.${Number(expires) + 3_600_000}.${signature}`)).toEqual({ ok: false, reason: 'forged' });
    const other = new ConsentStates(randomBytes(32), () => clock).issue();
    expect(states.redeem(other.state, other.cookie)).toEqual({ ok: false, reason: 'forged' });
    expect(() => new ConsentStates(randomBytes(16))).toThrow('at least 32 bytes');
  });
});

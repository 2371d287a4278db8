/** The token cache in front of @azure/identity: one request for concurrent callers, refreshed before expiry. */
import type { AccessToken, TokenCredential } from '@azure/identity';
import { cachingCredential } from '../../server/sync/credential';

function countingCredential(lifetimeMs: number, clock: { now: number }): TokenCredential & { calls: number; fail: boolean } {
  const c = {
    calls: 0,
    fail: false,
    async getToken(): Promise<AccessToken> {
      c.calls++;
      await new Promise((r) => setTimeout(r, 5));
      if (c.fail) throw new Error('authority down');
      return { token: `t${c.calls}`, expiresOnTimestamp: clock.now + lifetimeMs };
    },
  };
  return c;
}

describe('cachingCredential', () => {
  test('concurrent callers share one token request; the token is reused until the refresh margin', async () => {
    const clock = { now: 1_000_000 };
    const inner = countingCredential(3_600_000, clock);
    const cached = cachingCredential(inner, 300_000, () => clock.now);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => cached.getToken('scope/.default')));
    expect(new Set(tokens.map((t) => t!.token))).toEqual(new Set(['t1']));
    clock.now += 3_000_000; // 10 minutes left: still fine
    expect((await cached.getToken('scope/.default'))!.token).toBe('t1');
    clock.now += 400_000; // inside the 5-minute margin
    expect((await cached.getToken('scope/.default'))!.token).toBe('t2');
    expect(inner.calls).toBe(2);
  });

  test('a failed request is not cached: the next caller asks again', async () => {
    const clock = { now: 0 };
    const inner = countingCredential(3_600_000, clock);
    const cached = cachingCredential(inner, 300_000, () => clock.now);
    inner.fail = true;
    await expect(cached.getToken('s')).rejects.toThrow('authority down');
    inner.fail = false;
    expect((await cached.getToken('s'))!.token).toBe('t2');
  });
});

/** Liveness needs nothing; readiness needs the store. */
import request from 'supertest';
import { STORE_KINDS } from '../support/stores';
import { startTestApi } from '../support/app';

test.each(STORE_KINDS)('%s: /healthz and /readyz without auth; /readyz is 503 when the store is gone', async (kind) => {
  const api = await startTestApi(kind);
  try {
    expect((await request(api.app).get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
    expect((await request(api.app).get('/readyz').expect(200)).body).toEqual({ status: 'ready', store: kind });
    api.stores.ping = async () => {
      throw new Error('unreachable');
    };
    const res = await request(api.app).get('/readyz').expect(503);
    expect(res.body.code).toBe('unavailable');
  } finally {
    await api.close();
  }
});

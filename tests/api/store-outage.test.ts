/** A store outage is a 503 with Retry-After (never a 500), and /readyz says so. */
import request from 'supertest';
import { createApp } from '../../server/app';
import { createTokenVerifier } from '../../server/auth/verifier';
import { silentLogger } from '../support/app';
import { startCosmosEmulator } from '../support/cosmos';
import { startTestIssuer } from '../support/token-issuer';
import { tokenFactory } from '../support/tokens';
import { personalDraft } from '../support/rules';
import { seedCustomerTenants } from '../support/tenants';

test('Cosmos unreachable → 503 unavailable on reads, writes and readiness', async () => {
  const emulator = await startCosmosEmulator();
  const issuer = await startTestIssuer();
  try {
    const stores = await emulator.openStores();
    await seedCustomerTenants(stores);
    const verifier = createTokenVerifier({ audience: issuer.audience, jwksUrl: issuer.jwksUrl, issuerTemplate: issuer.issuerTemplate });
    const app = createApp({ stores, verifier, logger: silentLogger, effectiveCacheTtlMs: 0 });
    const auth = `Bearer ${await tokenFactory(issuer).for('aliceA')}`;
    await request(app).get('/api/rules?scope=effective').set('Authorization', auth).expect(200);
    await emulator.close();
    for (const res of [
      await request(app).get('/api/rules?scope=effective').set('Authorization', auth),
      await request(app).post('/api/rules').set('Authorization', auth).send(personalDraft()),
      await request(app).get('/readyz'),
    ]) {
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('unavailable');
    }
  } finally {
    await issuer.close();
    await emulator.close();
  }
});

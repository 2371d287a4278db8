import pino from 'pino';
import { consentRevocationRecorder } from '../../../server/services/tenant-consent-recorder';
import { openSqliteStores } from '../../../server/store/sqlite';
import type { Stores } from '../../../server/store/types';
import { customerRecord } from '../../support/tenants';

describe('the sync reports a consent failure to the tenant record', () => {
  let stores: Stores;
  const logger = pino({ level: 'silent' });
  beforeEach(() => {
    stores = openSqliteStores({ path: ':memory:' });
  });
  afterEach(async () => {
    await stores.close();
  });

  it('moves an active tenant to consent_revoked, audited as the sync, leaving others as they are', async () => {
    await stores.tenants.create(customerRecord('11111111-1111-1111-1111-111111111111'));
    await stores.tenants.create(customerRecord('22222222-2222-2222-2222-222222222222'));
    await consentRevocationRecorder(logger, () => stores).consentRevoked('11111111-1111-1111-1111-111111111111');
    expect((await stores.tenants.get('11111111-1111-1111-1111-111111111111'))?.status).toBe('consent_revoked');
    expect((await stores.tenants.get('22222222-2222-2222-2222-222222222222'))?.status).toBe('active');
    const { items } = await stores.audit.list({ tenantId: '11111111-1111-1111-1111-111111111111', scopes: ['tenant'] });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ action: 'tenant', actorId: 'calsync-sync' });
    expect(items[0]!.before).toMatchObject({ status: 'active' });
    expect(items[0]!.after).toMatchObject({ status: 'consent_revoked' });
    expect((await stores.audit.list({ tenantId: '22222222-2222-2222-2222-222222222222', scopes: ['tenant'] })).items).toHaveLength(0);
  });

  it('leaves a suspended tenant suspended and a tenant without a record without one', async () => {
    await stores.tenants.create(customerRecord('33333333-3333-3333-3333-333333333333', { status: 'suspended' }));
    const port = consentRevocationRecorder(logger, () => stores);
    await port.consentRevoked('33333333-3333-3333-3333-333333333333');
    await port.consentRevoked('44444444-4444-4444-4444-444444444444');
    expect((await stores.tenants.get('33333333-3333-3333-3333-333333333333'))?.status).toBe('suspended');
    expect(await stores.tenants.get('44444444-4444-4444-4444-444444444444')).toBeUndefined();
    expect((await stores.audit.list({ tenantId: '33333333-3333-3333-3333-333333333333', scopes: ['tenant'] })).items).toHaveLength(0);
  });

  it('does nothing but log before the store is open', async () => {
    await expect(consentRevocationRecorder(logger, () => undefined).consentRevoked('11111111-1111-1111-1111-111111111111')).resolves.toBeUndefined();
  });
});

/** Onboarding's own rules, with a scripted proof: the allow-list fence, a suspended tenant, settings already saved. */
import { ConsentNotWorking, Onboarding, type ConsentProof } from '../../../server/services/onboarding';
import { openSqliteStores } from '../../../server/store/sqlite';
import type { Stores } from '../../../server/store/types';
import { customerRecord } from '../../support/tenants';

const T = 'abababab-0000-4000-8000-00000000000a';
const OTHER = 'cdcdcdcd-0000-4000-8000-00000000000c';

describe('onboarding', () => {
  let stores: Stores;
  let proofs: string[];
  const proof: ConsentProof = {
    prove: async (tenantId) => {
      proofs.push(tenantId);
      return { displayName: 'Alpine Ski House', verifiedDomains: ['Alpineskihouse.com'] };
    },
  };
  beforeEach(() => {
    stores = openSqliteStores({ path: ':memory:' });
    proofs = [];
  });
  afterEach(() => stores.close());

  it('refuses a tenant outside CALSYNC_ALLOWED_TENANTS before any Graph call', async () => {
    await expect(new Onboarding(stores, proof, { allowedTenants: [OTHER] }).complete(T)).rejects.toMatchObject({ code: 'forbidden' });
    expect(proofs).toEqual([]);
    expect(await stores.tenants.get(T)).toBeUndefined();
    await expect(new Onboarding(stores, proof, { allowedTenants: [OTHER, T.toUpperCase()] }).complete(T)).resolves.toMatchObject({
      trial: true,
      settingsCreated: true,
    });
  });

  it('leaves a suspended tenant suspended, and asks Graph nothing', async () => {
    await stores.tenants.create(customerRecord(T, { status: 'suspended' }));
    await expect(new Onboarding(stores, proof).complete(T)).rejects.toMatchObject({ code: 'tenant_suspended' });
    expect(proofs).toEqual([]);
  });

  it('keeps settings an admin saved before, and domains become lower-case internal domains when it creates them', async () => {
    const first = await new Onboarding(stores, proof).complete(T);
    expect(first.settingsCreated).toBe(true);
    expect((await stores.settings.get(T))?.internalDomains).toEqual(['alpineskihouse.com']);
    const again = await new Onboarding(stores, proof).complete(T);
    expect(again).toMatchObject({ settingsCreated: false, trial: false });
  });

  it('tells the sync once the tenant is active, and only then', async () => {
    const activated: string[] = [];
    const onActivated = (tenantId: string) => {
      activated.push(tenantId);
    };
    const failing: ConsentProof = { prove: () => Promise.reject(new ConsentNotWorking('no token')) };
    await expect(new Onboarding(stores, failing, { onActivated }).complete(T)).rejects.toBeInstanceOf(ConsentNotWorking);
    expect(activated).toEqual([]);
    await new Onboarding(stores, proof, { onActivated }).complete(T.toUpperCase());
    expect(activated).toEqual([T]);
  });

  it('activates nothing when the proof fails', async () => {
    const failing: ConsentProof = { prove: () => Promise.reject(new ConsentNotWorking('no token')) };
    await expect(new Onboarding(stores, failing).complete(T)).rejects.toBeInstanceOf(ConsentNotWorking);
    expect(await stores.tenants.get(T)).toBeUndefined();
    await expect(new Onboarding(stores, proof).complete('not-a-guid')).rejects.toMatchObject({ code: 'validation_failed' });
  });
});

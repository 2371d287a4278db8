/** CALSYNC_ONBOARD_STATE_KEY turns /onboard on; it needs a real key and the Graph section, and says what is missing. */
import { randomBytes } from 'node:crypto';
import { loadServeConfig } from '../../server/config';
import { ENTRA_AUTHORITY_HOST, loadOnboardingConfig } from '../../server/config/onboarding';
import { problemVariables } from '../support/config-problems';

const graph = {
  CALSYNC_TENANT_ID: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  CALSYNC_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  CALSYNC_CLIENT_SECRET: 's',
};
const key = randomBytes(32).toString('base64');

const problems = problemVariables;

describe('onboarding configuration', () => {
  it('is off without a key, and on with a key and the Graph section', () => {
    expect(loadOnboardingConfig(graph)).toBeUndefined();
    expect(loadOnboardingConfig({ ...graph, CALSYNC_ONBOARD_STATE_KEY: key })).toEqual({
      stateKeyBase64: key,
      clientId: graph.CALSYNC_CLIENT_ID,
      authorityHost: ENTRA_AUTHORITY_HOST,
      graph: expect.objectContaining({ tenantId: graph.CALSYNC_TENANT_ID }),
    });
  });

  it('refuses a short key and names the missing Graph variables', () => {
    expect(problems(() => loadOnboardingConfig({ ...graph, CALSYNC_ONBOARD_STATE_KEY: randomBytes(16).toString('base64') }))).toEqual([
      'CALSYNC_ONBOARD_STATE_KEY',
    ]);
    expect(problems(() => loadOnboardingConfig({ CALSYNC_ONBOARD_STATE_KEY: key }))).toEqual(
      expect.arrayContaining(['CALSYNC_TENANT_ID', 'CALSYNC_CLIENT_ID']),
    );
    expect(
      problems(() => loadOnboardingConfig({ CALSYNC_TENANT_ID: graph.CALSYNC_TENANT_ID, CALSYNC_MANAGED_IDENTITY: 'true', CALSYNC_ONBOARD_STATE_KEY: key })),
    ).toEqual(['CALSYNC_FEDERATED_APP_CLIENT_ID']);
  });

  it('names a Graph problem once when the sync reads the same section', () => {
    const named = problems(() => loadServeConfig({ CALSYNC_SYNC: 'on', CALSYNC_ONBOARD_STATE_KEY: key, CALSYNC_SQLITE_PATH: '/tmp/x.db' }));
    expect(named.filter((v) => v === 'CALSYNC_TENANT_ID')).toHaveLength(1);
  });
});

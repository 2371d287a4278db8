/** CALSYNC_OPERATOR_TENANT turns /operator on; it needs the sign-in app and a real session key, and says what is missing. */
import { randomBytes } from 'node:crypto';
import { ENTRA_AUTHORITY_HOST } from '../../server/config/onboarding';
import { loadOperatorConfig } from '../../server/config/operator';
import { problemVariables } from '../support/config-problems';

const TENANT = 'AAAAAAAA-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const CLIENT = '11111111-2222-4333-8444-555555555555';
const key = randomBytes(32).toString('base64');

const problems = problemVariables;

test('off without an operator tenant; on with the tenant (lower-cased), the app and a key', () => {
  expect(loadOperatorConfig({ CALSYNC_OPERATOR_CLIENT_ID: CLIENT, CALSYNC_OPERATOR_SESSION_KEY: key })).toBeUndefined();
  expect(loadOperatorConfig({ CALSYNC_OPERATOR_TENANT: TENANT, CALSYNC_OPERATOR_CLIENT_ID: CLIENT, CALSYNC_OPERATOR_SESSION_KEY: key })).toEqual({
    tenantId: TENANT.toLowerCase(),
    clientId: CLIENT,
    sessionKeyBase64: key,
    authorityHost: ENTRA_AUTHORITY_HOST,
  });
});

test('names every missing or malformed variable at once', () => {
  expect(problems(() => loadOperatorConfig({ CALSYNC_OPERATOR_TENANT: 'contoso.com' }))).toEqual([
    'CALSYNC_OPERATOR_TENANT',
    'CALSYNC_OPERATOR_CLIENT_ID',
    'CALSYNC_OPERATOR_SESSION_KEY',
  ]);
  expect(
    problems(() =>
      loadOperatorConfig({
        CALSYNC_OPERATOR_TENANT: TENANT,
        CALSYNC_OPERATOR_CLIENT_ID: CLIENT,
        CALSYNC_OPERATOR_SESSION_KEY: randomBytes(16).toString('base64'),
      }),
    ),
  ).toEqual(['CALSYNC_OPERATOR_SESSION_KEY']);
});

/** Errors are logged by kind and status only: messages can carry addresses, subjects and URLs. */
import { StoreError } from '../../server/store/types';
import { safeError } from '../../server/sync/safe-error';

test('only name, numeric status and a short identifier code survive', () => {
  const graph = Object.assign(new Error('GET /users/ada@contoso.com/events failed: "Dentist"'), {
    name: 'GraphError',
    statusCode: 404,
    code: 'ErrorItemNotFound',
    body: '{"subject":"Dentist"}',
  });
  expect(safeError(graph)).toEqual({ name: 'GraphError', status: 404, code: 'ErrorItemNotFound' });
  expect(safeError(new StoreError('etag_mismatch', 'lease lost: ada@contoso.com'))).toEqual({ name: 'StoreError', code: 'etag_mismatch' });
  expect(safeError(Object.assign(new Error('x'), { code: 'ada@contoso.com' }))).toEqual({ name: 'Error' });
  expect(JSON.stringify([graph, 'ada@contoso.com', null, 7].map(safeError))).not.toMatch(/contoso|Dentist/);
});

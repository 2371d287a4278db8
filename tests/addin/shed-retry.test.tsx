/** @jest-environment jsdom */
/**
 * The pane honours the API's load shedding (docs/API.md, "Overload"): a 503 `overloaded` with Retry-After means
 * nothing was done, so the pane says the service is busy, counts the wait down where it can be seen and sends the
 * request again on its own; a 503 `deadline_exceeded` (a write may have been made) waits for the person's Retry.
 * The tests wait for what the retry brings (the rules, the saved change), not for a time.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderTaskpane } from './support/render-taskpane';
import { apiRule } from './support/rule-factories';

const SHED = { 'Retry-After': '1' };
/** Long enough for a 1 s Retry-After on a loaded machine; the tests wait on the outcome, not on the clock. */
const RETRY_WAIT = { timeout: 15_000 };

test('a first load the API shed says the service is busy, counts the wait down, then loads on its own', async () => {
  const { server } = renderTaskpane({
    server: { rules: [apiRule({ id: 'r_a', name: 'Alpha' })] },
    beforeRender: (s) => s.failNext('GET', '/api/rules', 503, 'overloaded', 'too many requests in progress', SHED),
  });
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toContain('CalSync is busy');
  expect(alert.textContent).toContain('The CalSync service is busy right now.');
  expect(within(alert).getByRole('status').textContent).toBe('Trying again in 1 s…');

  await screen.findByRole('listitem', { name: 'Alpha' }, RETRY_WAIT);
  expect(screen.queryByRole('alert')).toBeNull();
  // The load ran twice: the shed one and the retry, with no click in between.
  expect(server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/me'))).toHaveLength(2);
});

test('a change the API shed is sent again on its own after Retry-After', async () => {
  const { server } = renderTaskpane({ server: { rules: [apiRule({ id: 'r_a', name: 'Alpha' }), apiRule({ id: 'r_b', name: 'Bravo', order: 20 })] } });
  const toggle = await screen.findByRole('switch', { name: 'Enable Bravo' });
  server.failNext('PUT', '/api/rules/r_b', 503, 'overloaded', 'the service is running behind', SHED);
  fireEvent.click(toggle);
  const alert = await screen.findByRole('alert');
  expect(within(alert).getByRole('status').textContent).toMatch(/^Trying again in [01] s…$/);

  await waitFor(() => expect(server.rules.find((r) => r.id === 'r_b')!.enabled).toBe(false), RETRY_WAIT);
  await waitFor(() => expect(screen.queryByRole('alert')?.textContent ?? null).toBeNull());
  expect(server.requests.filter((r) => r.method === 'PUT' && r.path === '/api/rules/r_b')).toHaveLength(2);
});

test('a write that met the deadline (it may have been made) is not repeated on its own: Retry sends it', async () => {
  const { server } = renderTaskpane({ server: { rules: [apiRule({ id: 'r_a', name: 'Alpha' }), apiRule({ id: 'r_b', name: 'Bravo', order: 20 })] } });
  const toggle = await screen.findByRole('switch', { name: 'Enable Bravo' });
  server.failNext('PUT', '/api/rules/r_b', 503, 'deadline_exceeded', 'did not finish in time', SHED);
  fireEvent.click(toggle);
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toContain('The CalSync service is busy right now.');
  expect(within(alert).queryByRole('status')).toBeNull();
  fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
  await waitFor(() => expect(server.rules.find((r) => r.id === 'r_b')!.enabled).toBe(false));
  expect(server.requests.filter((r) => r.method === 'PUT' && r.path === '/api/rules/r_b')).toHaveLength(2);
});

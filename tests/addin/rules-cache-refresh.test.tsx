/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { RULES_CACHE_KEY } from '../../addin/office/rules-cache';
import { renderTaskpane } from './support/render-taskpane';
import { apiRule, externalRule } from './support/rule-factories';

const cachedIds = (roaming: Map<string, unknown>) => {
  const raw = roaming.get(RULES_CACHE_KEY);
  return typeof raw === 'string' ? (JSON.parse(raw) as { rules: Array<{ id: string; enabled: boolean }> }).rules : null;
};

describe('the pane keeps the compose-time cache fresh', () => {
  it('writes the effective rules (in evaluation order) and the internal domains after loading', async () => {
    const { outlook, server } = renderTaskpane({
      server: { rules: [apiRule({ id: 'r_p', order: 1 }), externalRule({ id: 'r_o', order: 5 })], settings: { internalDomains: ['contoso.com'] } },
    });
    await waitFor(() => expect(cachedIds(outlook.roaming)?.map((r) => r.id)).toEqual(['r_o', 'r_p']));
    expect(JSON.parse(outlook.roaming.get(RULES_CACHE_KEY) as string).internalDomains).toEqual(['contoso.com']);
    expect(server.requests.some((r) => r.path === '/api/rules?scope=effective')).toBe(true);
  });

  it('rewrites it after a change', async () => {
    const { outlook } = renderTaskpane({ server: { rules: [apiRule({ id: 'r_p', name: 'Mine' })] } });
    await waitFor(() => expect(cachedIds(outlook.roaming)).toEqual([expect.objectContaining({ id: 'r_p', enabled: true })]));
    fireEvent.click(await screen.findByRole('switch', { name: 'Enable Mine' }));
    await waitFor(() => expect(cachedIds(outlook.roaming)).toEqual([expect.objectContaining({ id: 'r_p', enabled: false })]));
    expect(outlook.roamingSaves).toBe(2);
  });

  it('leaves the previous cache when the effective rules cannot be read', async () => {
    const previous = JSON.stringify({ v: 1, savedAt: 'x', internalDomains: [], rules: [apiRule({ id: 'r_old' })] });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { outlook } = renderTaskpane({
      server: { rules: [apiRule({ id: 'r_new', name: 'New' })] },
      outlook: { roaming: { [RULES_CACHE_KEY]: previous } },
      beforeRender: (s) => s.failNext('GET', /^\/api\/rules\?scope=effective/, 503, 'unavailable'),
    });
    await screen.findByText('New');
    await waitFor(() => expect(warn).toHaveBeenCalled());
    expect(outlook.roaming.get(RULES_CACHE_KEY)).toBe(previous);
    warn.mockRestore();
  });
});

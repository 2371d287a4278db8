/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { saveRule, typeInto } from './support/editor-helpers';
import { renderTaskpane } from './support/render-taskpane';
import { apiRule } from './support/rule-factories';

describe('task pane states', () => {
  it('shows a skeleton while loading, then the rules', async () => {
    renderTaskpane({ server: { rules: [apiRule({ name: 'Alpha' })] } });
    expect(screen.getByLabelText('Loading rules')).toBeTruthy();
    expect(await screen.findByText('Alpha')).toBeTruthy();
    expect(screen.queryByLabelText('Loading rules')).toBeNull();
  });

  it('offers example rules one click away when there are none', async () => {
    renderTaskpane();
    fireEvent.click(await screen.findByRole('button', { name: 'External meetings' }));
    const form = await screen.findByRole('form', { name: 'New rule' });
    expect((within(form).getByRole('textbox', { name: /Rule name/ }) as HTMLInputElement).value).toBe('External meetings');
    expect((within(form).getByRole('textbox', { name: /Category name/ }) as HTMLInputElement).value).toBe('External');
    expect((within(form).getByRole('combobox', { name: 'Conditions, condition 1 field' }) as HTMLSelectElement).value).toBe('hasExternalAttendees');
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByRole('textbox', { name: /Rule name/ })));
  });

  it('says the API is unreachable and retries on request', async () => {
    const { server } = renderTaskpane({ server: { rules: [apiRule({ name: 'Alpha' })] }, beforeRender: (s) => (s.unreachable = true) });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Cannot reach CalSync');
    expect(screen.queryByText('Alpha')).toBeNull();
    server.unreachable = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Alpha')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks to sign in again on 401', async () => {
    renderTaskpane({ beforeRender: (s) => s.failNext('GET', '/api/me', 401, 'unauthorized', 'token expired') });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your sign-in has expired');
    fireEvent.click(within(alert).getByRole('button', { name: 'Sign in again' }));
    expect(await screen.findByText('No rules yet')).toBeTruthy();
  });

  it('on a 412 says the rule changed elsewhere and reloads it into the editor', async () => {
    const { server } = renderTaskpane({ server: { rules: [apiRule({ id: 'r_a', name: 'Alpha' })] } });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Alpha' }));
    const form = await screen.findByRole('form', { name: 'Edit rule' });
    server.changeElsewhere('r_a', { name: 'Alpha (renamed elsewhere)' });
    typeInto(within(form).getByRole('textbox', { name: /Rule name/ }), 'Alpha mine');
    await saveRule(form);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Changed elsewhere');
    expect(alert.textContent).toContain('changed elsewhere since you opened it');
    expect(server.rules[0]!.name).toBe('Alpha (renamed elsewhere)'); // nothing overwritten

    fireEvent.click(within(alert).getByRole('button', { name: 'Reload' }));
    const reopened = await screen.findByRole('form', { name: 'Edit rule' });
    await waitFor(() => expect((within(reopened).getByRole('textbox', { name: /Rule name/ }) as HTMLInputElement).value).toBe('Alpha (renamed elsewhere)'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps the list and shows the reason when a change is refused (409 limit)', async () => {
    const { server } = renderTaskpane({ server: { rules: [apiRule({ id: 'r_a', name: 'Alpha' })] } });
    server.failNext('PUT', '/api/rules/r_a', 409, 'limit_exceeded', 'at most 100 personal rules');
    fireEvent.click(await screen.findByRole('switch', { name: 'Enable Alpha' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('at most 100 personal rules');
    expect(screen.getByRole('listitem', { name: 'Alpha' })).toBeTruthy();
    expect((screen.getByRole('switch', { name: 'Enable Alpha' }) as HTMLInputElement).checked).toBe(true);
  });
});

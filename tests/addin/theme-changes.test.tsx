/** @jest-environment jsdom */
import { act, render, screen, waitFor } from '@testing-library/react';
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { onOfficeThemeChanged } from '../../addin/office/theme-events';
import { App } from '../../addin/taskpane/components/App';
import { watchOfficeTheme } from '../../addin/taskpane/theme';
import './support/jsdom-polyfills';
import { CalSyncApiClient } from '../../addin/api/api-client';
import { officeServices } from '../../addin/taskpane/services';
import { FakeRulesServer } from './support/fake-rules-server';
import { installOutlookMock, removeOutlookMock } from './support/outlook-mock';

afterEach(removeOutlookMock);

/** The background colour Fluent's provider puts in its CSS variables. */
const providerBackground = () =>
  [...document.styleSheets]
    .flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText))
    .join('\n')
    .match(/--colorNeutralBackground1:\s*[^;]+;/g) ?? [];

describe('following Outlook theme changes', () => {
  it('registers for OfficeThemeChanged and hands the new theme over', async () => {
    const outlook = installOutlookMock({ mode: 'read' });
    const seen: unknown[] = [];
    await expect(onOfficeThemeChanged((t) => seen.push(t))).resolves.toBe(true);
    outlook.handlers.get('officeThemeChanged')!({ officeTheme: { bodyBackgroundColor: '#1f1f1f' } });
    expect(seen).toEqual([{ bodyBackgroundColor: '#1f1f1f' }]);
  });

  it('is a no-op where the host cannot raise it', async () => {
    await expect(onOfficeThemeChanged(() => undefined)).resolves.toBe(false); // no Office at all
  });

  it('switches the pane from light to dark while it is open', async () => {
    const outlook = installOutlookMock({ mode: 'read' });
    const server = new FakeRulesServer();
    const services = officeServices(new CalSyncApiClient({ baseUrl: '', getAccessToken: async () => 't', fetchImpl: server.fetch }));
    render(<App services={services} theme={webLightTheme} watchTheme={watchOfficeTheme} />);
    await screen.findByText('No rules yet');
    expect(providerBackground().join()).toContain(webLightTheme.colorNeutralBackground1);
    // Outlook's OfficeThemeChanged carries colours; isDarkTheme is not supported in Outlook (office.officetheme).
    await act(async () => outlook.handlers.get('officeThemeChanged')!({ officeTheme: { bodyBackgroundColor: '#1f1f1f', controlBackgroundColor: '#292929' } }));
    await waitFor(() => expect(providerBackground().join()).toContain(webDarkTheme.colorNeutralBackground1));
  });
});

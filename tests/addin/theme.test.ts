import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { currentOfficeTheme, fluentThemeFor, isDarkOfficeTheme } from '../../addin/taskpane/theme';
import { installOutlookMock, removeOutlookMock } from './support/outlook-mock';

afterEach(removeOutlookMock);

describe('Outlook theme → Fluent theme', () => {
  it('judges the body background colour', async () => {
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#1f1f1f' })).toBe(true);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#fafafa' })).toBe(false);
    expect(isDarkOfficeTheme(undefined)).toBe(false);
    expect(await fluentThemeFor({ bodyBackgroundColor: '#292929' })).toBe(webDarkTheme);
    expect(await fluentThemeFor({ bodyBackgroundColor: '#ffffff' })).toBe(webLightTheme);
  });

  it('ignores isDarkTheme, which Outlook does not support: the colours decide', () => {
    const stale = { isDarkTheme: false, bodyBackgroundColor: '#1f1f1f' } as Parameters<typeof isDarkOfficeTheme>[0];
    expect(isDarkOfficeTheme(stale)).toBe(true);
    const lying = { isDarkTheme: true, bodyBackgroundColor: '#ffffff' } as Parameters<typeof isDarkOfficeTheme>[0];
    expect(isDarkOfficeTheme(lying)).toBe(false);
  });

  it('falls back to the control background when the body colour is missing', () => {
    expect(isDarkOfficeTheme({ controlBackgroundColor: '#141414' })).toBe(true);
  });

  it('reads a dark Outlook theme from what Office.context.officeTheme really carries (no isDarkTheme)', () => {
    installOutlookMock({ mode: 'read', theme: { bodyBackgroundColor: '#1f1f1f', controlBackgroundColor: '#292929' } });
    const theme = currentOfficeTheme() as Record<string, unknown>;
    expect(theme).not.toHaveProperty('isDarkTheme');
    expect(isDarkOfficeTheme(currentOfficeTheme())).toBe(true);
  });
});

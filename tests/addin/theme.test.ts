import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { fluentThemeFor, isDarkOfficeTheme } from '../../addin/taskpane/theme';

describe('Outlook theme → Fluent theme', () => {
  it('follows isDarkTheme when the host gives it', async () => {
    expect(await fluentThemeFor({ isDarkTheme: true, bodyBackgroundColor: '#ffffff' })).toBe(webDarkTheme);
    expect(await fluentThemeFor({ isDarkTheme: false })).toBe(webLightTheme);
  });

  it('otherwise judges the body background colour', () => {
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#1f1f1f' })).toBe(true);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#fafafa' })).toBe(false);
    expect(isDarkOfficeTheme(undefined)).toBe(false);
  });
});

/** Follows Outlook's theme: dark when the host says so, or when its body background is dark. */
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

type OfficeThemeLike = { isDarkTheme?: boolean; bodyBackgroundColor?: string } | undefined | null;

function isDarkColor(hex: string | undefined): boolean {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex ?? '');
  if (!m) return false;
  const n = parseInt(m[1]!, 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

export function isDarkOfficeTheme(theme: OfficeThemeLike): boolean {
  if (!theme) return false;
  return theme.isDarkTheme ?? isDarkColor(theme.bodyBackgroundColor);
}

export function fluentThemeFor(theme: OfficeThemeLike): Theme {
  return isDarkOfficeTheme(theme) ? webDarkTheme : webLightTheme;
}

export function currentOfficeTheme(): OfficeThemeLike {
  return typeof Office !== 'undefined' ? (Office.context?.officeTheme as OfficeThemeLike) : undefined;
}

/** Follows Outlook's theme: dark when the host says so, or when its body background is dark. */
import type { Theme } from '@fluentui/react-components';
import { onOfficeThemeChanged } from '../office/theme-events';

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

/** Only the theme in use is fetched (each is its own chunk, about 5 KB gz): most panes never need the other. */
export async function fluentThemeFor(theme: OfficeThemeLike): Promise<Theme> {
  return isDarkOfficeTheme(theme) ? (await import('./dark-theme.js')).webDarkTheme : (await import('./light-theme.js')).webLightTheme;
}

export function currentOfficeTheme(): OfficeThemeLike {
  return typeof Office !== 'undefined' ? (Office.context?.officeTheme as OfficeThemeLike) : undefined;
}

/** Hands each theme Outlook switches to over to onChange; a later switch wins over an earlier one still loading. */
export function watchOfficeTheme(onChange: (theme: Theme) => void): void {
  let latestChange = 0;
  void onOfficeThemeChanged((t) => {
    const change = ++latestChange;
    void fluentThemeFor(t).then((theme) => change === latestChange && onChange(theme));
  });
}

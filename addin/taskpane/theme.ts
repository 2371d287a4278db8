/**
 * Follows Outlook's theme by its colours. Outlook does not support officeTheme.isDarkTheme (nor themeId): its
 * reference says to use the body and control colours instead, and the OfficeThemeChanged event for changes.
 * https://learn.microsoft.com/javascript/api/office/office.officetheme
 */
import type { Theme } from '@fluentui/react-components';
import { onOfficeThemeChanged, type OfficeThemeLike } from '../office/theme-events';

function isDarkColor(hex: string | undefined): boolean | undefined {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex ?? '');
  if (!m) return undefined;
  const n = parseInt(m[1]!, 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

/** Dark when Outlook's body background is dark (its control background when the body's is missing or unreadable). */
export function isDarkOfficeTheme(theme: OfficeThemeLike | undefined | null): boolean {
  if (!theme) return false;
  return isDarkColor(theme.bodyBackgroundColor) ?? isDarkColor(theme.controlBackgroundColor) ?? false;
}

/** Only the theme in use is fetched (each is its own chunk, about 5 KB gz): most panes never need the other. */
export async function fluentThemeFor(theme: OfficeThemeLike | undefined | null): Promise<Theme> {
  return isDarkOfficeTheme(theme) ? (await import('./dark-theme.js')).webDarkTheme : (await import('./light-theme.js')).webLightTheme;
}

export function currentOfficeTheme(): OfficeThemeLike | undefined {
  return typeof Office !== 'undefined' ? (Office.context?.officeTheme as OfficeThemeLike | undefined) : undefined;
}

/** Hands each theme Outlook switches to over to onChange; a later switch wins over an earlier one still loading. */
export function watchOfficeTheme(onChange: (theme: Theme) => void): void {
  let latestChange = 0;
  void onOfficeThemeChanged((t) => {
    const change = ++latestChange;
    void fluentThemeFor(t).then((theme) => change === latestChange && onChange(theme));
  });
}

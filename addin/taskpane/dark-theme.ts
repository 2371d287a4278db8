/** Fluent's dark theme, a chunk of its own (theme.ts loads it on demand). */
export { webDarkTheme } from '@fluentui/react-components';

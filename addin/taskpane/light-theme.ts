/** Fluent's light theme, a chunk of its own (theme.ts loads it on demand). */
export { webLightTheme } from '@fluentui/react-components';

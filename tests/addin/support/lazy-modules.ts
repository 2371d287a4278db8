/**
 * The pane loads some modules with import('./x.js') (nodenext wants the suffix; vite maps it to x.ts).
 * Jest's CommonJS resolver does not, so each such specifier is registered as a virtual module that is
 * the real TypeScript module. Remove once jest.config maps '.js' to the source (see docs/ADDIN.md).
 */
import { resolve } from 'node:path';

const lazyModules = [
  'addin/taskpane/state/rule-form-check',
  'addin/taskpane/components/RuleEditor',
  'addin/taskpane/components/DeleteRuleDialog',
  'addin/taskpane/components/AdminPanel',
];

export function registerLazyModules(): void {
  for (const m of lazyModules) {
    const source = resolve(__dirname, '../../..', m);
    jest.doMock(`${source}.js`, () => jest.requireActual(source), { virtual: true });
  }
}

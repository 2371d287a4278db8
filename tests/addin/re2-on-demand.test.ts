/** RE2 on demand (the task pane build's stand-in for the engine's re2js import): refuses before it has loaded, is re2js after. */
import { loadRe2, re2Ready, RE2JS } from '../../addin/taskpane/re2-on-demand';

it('refuses to compile before loadRe2(), then compiles with re2js and its case-insensitive flag', async () => {
  expect(re2Ready()).toBe(false);
  expect(() => RE2JS.compile('^quarterly')).toThrow(/not loaded yet/);
  await loadRe2();
  expect(re2Ready()).toBe(true);
  expect(RE2JS.compile('^quarterly', RE2JS.CASE_INSENSITIVE).test('Quarterly review')).toBe(true);
  expect(RE2JS.compile('^quarterly', 0).test('Quarterly review')).toBe(false);
  expect(() => RE2JS.compile('(?<=a)b')).toThrow(); // still RE2: no lookbehind
});

/**
 * testing-library's findBy…/waitFor give up after 1 s by default. They wait for something to happen and return as
 * soon as it does, so the limit only decides how slow a loaded CI machine may be (lazy chunks, React renders,
 * jsdom layout) before a good run fails: set it well above that, and below jest's 30 s test timeout.
 */
if (typeof document !== 'undefined') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- only jsdom test files load testing-library
  (require('@testing-library/dom') as typeof import('@testing-library/dom')).configure({ asyncUtilTimeout: 15_000 });
}

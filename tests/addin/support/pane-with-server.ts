/**
 * The set-up every browser test against the real server shares: the add-in bundle and Chromium once per file, a
 * fresh API (SQLite) and app server per test, signed in as `user`. Call it at the top of a file; hooks a test adds
 * after it run after these, so they see the fresh API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { StaticServer } from '../../../addin/scripts/static-server';
import { startTestApi, type TestApi, type TestApiOptions } from '../../support/app';
import type { TestUser, UserName } from '../../support/tokens';
import { buildTestBundle, launchChromium, startAppServer, tokenRoute } from './browser-harness';

export interface PaneWithServer {
  readonly browser: Browser;
  readonly api: TestApi;
  readonly server: StaticServer;
}

/** `options`: what the API is built with besides the add-in bundle (e.g. a fake sync control). */
export function paneWithServer(user: TestUser | UserName, options: Omit<TestApiOptions, 'addinDir'> = {}): PaneWithServer {
  let dist: string | undefined;
  let browser: Browser | undefined;
  let api: TestApi | undefined;
  let server: StaticServer | undefined;

  beforeAll(async () => {
    dist = await buildTestBundle(mkdtempSync(join(tmpdir(), 'calsync-addin-')));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });
  beforeEach(async () => {
    api = await startTestApi('sqlite', { ...options, addinDir: dist });
    const current = api;
    server = await startAppServer(current.app, [tokenRoute(() => current.tokens.for(user))]);
  });
  afterEach(async () => {
    await server?.close();
    await api?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test or a hook after paneWithServer()`);
    return value;
  };
  return {
    get browser() {
      return started(browser, 'the browser');
    },
    get api() {
      return started(api, 'the API');
    },
    get server() {
      return started(server, 'the app server');
    },
  };
}

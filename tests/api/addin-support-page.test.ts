/** The manifest's SupportUrl answers: the add-in's static support page, served at the path the manifest names. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ADDIN_CSP } from '../../server/http/addin-static';
import { startTestApi, type TestApi } from '../support/app';

const root = path.resolve(__dirname, '../..');

describe('the support page', () => {
  let api: TestApi;
  let dir: string;
  beforeAll(async () => {
    // Laid out as addin/scripts/build-addin.ts writes addin/dist.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calsync-addin-support-'));
    fs.copyFileSync(path.join(root, 'addin/support/support.html'), path.join(dir, 'support.html'));
    api = await startTestApi('sqlite', { addinDir: dir });
  });
  afterAll(async () => {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("answers 200 at the manifest's SupportUrl", async () => {
    const manifest = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
    const supportUrl = /<SupportUrl DefaultValue="([^"]+)"\/>/.exec(manifest)?.[1];
    expect(supportUrl).toBeDefined();
    const res = await request(api.app).get(new URL(supportUrl!).pathname).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<title>CalSync support</title>');
    expect(res.headers['content-security-policy']).toBe(ADDIN_CSP);
  });
});

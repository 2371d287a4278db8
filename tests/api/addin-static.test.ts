/** The API can serve the built add-in: framed by Office hosts only, with its own CSP, nothing outside the folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ADDIN_CSP } from '../../server/http/addin-static';
import { startTestApi, type TestApi } from '../support/app';

describe('serving the add-in', () => {
  let api: TestApi;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calsync-addin-'));
    fs.mkdirSync(path.join(dir, 'taskpane'));
    fs.writeFileSync(path.join(dir, 'taskpane', 'taskpane.html'), '<!doctype html><title>CalSync</title>');
    fs.writeFileSync(path.join(dir, '.env'), 'SECRET=1');
    fs.writeFileSync(path.join(os.tmpdir(), 'calsync-outside.txt'), 'outside');
    api = await startTestApi('sqlite', { addinDir: dir });
  });
  afterAll(async () => {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('task pane HTML is served with a policy that lets Outlook frame it', async () => {
    const res = await request(api.app).get('/taskpane/taskpane.html').expect(200);
    expect(res.text).toContain('<title>CalSync</title>');
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['content-security-policy']).toBe(ADDIN_CSP);
    expect(ADDIN_CSP).toContain('frame-ancestors');
    expect(ADDIN_CSP).toContain('https://appsforoffice.microsoft.com');
  });

  test('frame-ancestors names exactly the Outlook on the web hosts, sovereign clouds included, and no wildcard over microsoft.com or office.com', async () => {
    const res = await request(api.app).get('/taskpane/taskpane.html').expect(200);
    const directive = String(res.headers['content-security-policy'])
      .split('; ')
      .find((d) => d.startsWith('frame-ancestors '));
    expect(directive?.split(' ').slice(1)).toEqual([
      "'self'",
      'https://outlook.office.com',
      'https://outlook.office365.com',
      'https://outlook.live.com',
      'https://*.cloud.microsoft',
      'https://outlook.office365.us',
      'https://outlook-dod.office365.us',
      'https://partner.outlook.cn',
    ]);
  });

  test('API responses keep the strict headers', async () => {
    const res = await request(api.app).get('/healthz').expect(200);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).not.toBe(ADDIN_CSP);
  });

  test('no dotfiles, no directory listing, no path outside the folder', async () => {
    await request(api.app).get('/.env').expect(404);
    await request(api.app).get('/taskpane/').expect(404);
    await request(api.app).get('/..%2fcalsync-outside.txt').expect(404);
    await request(api.app).get('/taskpane/..%2f..%2fcalsync-outside.txt').expect(404);
  });
});

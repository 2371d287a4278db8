/**
 * The onboarding pages in headless Chromium (issue #15): the start page, the welcome page after a consent, and the
 * page after a declined one — each checked with axe (0 serious), with the state cookie carried by the browser itself
 * (the admin's step at Entra is the sandbox's admin-consent endpoint, answered by a script, as in onboarding.test.ts).
 */
import type { Browser, Page } from 'playwright-core';
import { Agent, fetch as undiciFetch } from 'undici';
import { type GraphSandbox } from '../../graph-sandbox/src/index';
import type { Stores } from '../../server/store/types';
import { artifactPath, launchChromium, seriousAxeViolations } from '../addin/support/browser-harness';
import { startOnboardingStack, type OnboardingStack } from '../support/onboarding-stack';

jest.setTimeout(120_000);

const FABRIKAM = { id: 'fabfabfa-3333-4333-8333-000000000003', displayName: 'Fabrikam', domains: ['fabrikam.com'] };

let stack: OnboardingStack;
let sandbox: GraphSandbox;
let stores: Stores;
let base: string;
let toSandbox: Agent;
let browser: Browser;

beforeAll(async () => {
  stack = await startOnboardingStack([FABRIKAM], [{ userPrincipalName: 'fay@fabrikam.com', displayName: 'Fay Fabrikam' }]);
  ({ sandbox, stores, base, toSandbox } = stack);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** The browser opens /onboard; the admin's answer at Entra comes back as the callback URL the browser then opens. */
async function walk(page: Page, answer: Parameters<GraphSandbox['tenants']['scriptConsent']>[0]): Promise<void> {
  await page.goto(`${base}/onboard`);
  const href = await page.getByRole('link', { name: 'Continue to Microsoft to consent' }).getAttribute('href');
  sandbox.tenants.scriptConsent(answer);
  const atEntra = await undiciFetch(href!, { redirect: 'manual', dispatcher: toSandbox });
  await page.goto(atEntra.headers.get('location')!);
}

describe('onboarding pages, in chromium', () => {
  it('the start page lists the permissions and is accessible', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    await page.goto(`${base}/onboard`);
    await page.getByRole('heading', { name: 'Sign your organisation up for CalSync' }).waitFor();
    expect(await page.getByRole('listitem').count()).toBe(5);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('onboard-start.png') });
    await page.close();
  });

  it('a declined consent shows what happened and how to retry; the page is accessible', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    await walk(page, { kind: 'decline' });
    await page.getByRole('heading', { name: 'Consent was declined' }).waitFor();
    expect(await page.getByRole('link', { name: 'Start again' }).getAttribute('href')).toBe(`${base}/onboard`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await stores.tenants.get(FABRIKAM.id)).toBeUndefined();
    await page.close();
  });

  it('a consent in this browser ends on the welcome page with the next steps; the page is accessible', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    await walk(page, { kind: 'consent', tenantId: FABRIKAM.id });
    await page.getByRole('heading', { name: 'Fabrikam uses CalSync now' }).waitFor();
    expect(await page.getByRole('link', { name: `${base}/manifest.xml` }).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('onboard-done.png') });
    expect((await stores.tenants.get(FABRIKAM.id))?.status).toBe('active');
    await page.close();
  });
});

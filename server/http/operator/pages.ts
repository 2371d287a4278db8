/**
 * The operator page (issue #15): a shell that shows progress at once, then its script (operator-script.ts, served
 * from /operator/operator.js under the strict CSP) fetches /operator/tenants and draws the table. The sign-in
 * refusals and the signed-out page are plain HTML like the onboarding pages.
 */
import { escapeHtml, htmlPage } from '../onboard/pages';

const STYLE = `
  main { max-width: 1180px; }
  header { display: flex; justify-content: space-between; align-items: baseline; gap: 16px; flex-wrap: wrap; }
  header form { display: inline; }
  button { font: inherit; font-size: 14px; font-weight: 600; padding: 5px 16px; border-radius: 4px; border: 1px solid #d1d1d1; background: #fff; color: #242424; cursor: pointer; }
  button:hover { background: #f5f5f5; } button:focus-visible { outline: 2px solid #242424; outline-offset: 2px; }
  .progress { margin: 24px 0; }
  .track { height: 2px; background: #e0e0e0; overflow: hidden; border-radius: 1px; }
  .track span { display: block; width: 33%; height: 100%; background: #0f6cbd; animation: slide 1.2s ease-in-out infinite; }
  @keyframes slide { from { transform: translateX(-100%); } to { transform: translateX(300%); } }
  @media (prefers-reduced-motion: reduce) { .track span { animation: none; width: 100%; } }
  table { border-collapse: collapse; width: 100%; font-size: 14px; line-height: 20px; margin-top: 16px; }
  caption { text-align: left; font-weight: 600; padding-bottom: 8px; }
  th, td { text-align: left; padding: 8px; border-bottom: 1px solid #e0e0e0; vertical-align: top; }
  th { font-weight: 600; color: #424242; } td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
  .id { display: block; color: #616161; font-size: 12px; font-family: Consolas, monospace; }
  .badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; background: #f0f0f0; color: #424242; }
  .badge.active { background: #f1faf1; color: #0e700e; } .badge.suspended, .badge.consent_revoked, .badge.lapsed { background: #fdf3f4; color: #b10e1c; }
  .badge.grace { background: #fff9f5; color: #8a3707; }
  .warn { color: #b10e1c; font-weight: 600; } .nowrap { white-space: nowrap; }`;

export function operatorShell(operatorName: string): string {
  return htmlPage(
    'Tenants',
    `<header><h1>CalSync tenants</h1>
<div>Signed in as <strong>${escapeHtml(operatorName)}</strong> <form method="post" action="/operator/sign-out"><button type="submit">Sign out</button></form></div></header>
<div id="progress" class="progress" role="progressbar" aria-label="Loading tenants" aria-busy="true"><div class="track"><span></span></div><p>Loading every tenant's status…</p></div>
<div id="result" aria-live="polite"></div>
<p class="note">Counts only: no organisation's rules, people or events are shown here. Seats used counts enrolled mailboxes ("all": the directory, as the sync last saw it).</p>`,
    { style: STYLE, head: '<script src="/operator/operator.js" defer></script>' },
  );
}

/** What a refused sign-in means, for the page. */
export const REFUSAL_WORDS: Record<string, string> = {
  not_operator: 'Your account signed in, but it does not have the CalSync.Operator role. Ask whoever runs CalSync to assign it to you in the operator tenant.',
  wrong_tenant: "Your account belongs to another organisation: only the operator tenant's accounts can open this page.",
  nonce_mismatch: 'The sign-in answer does not belong to this browser. Start again.',
  invalid_token: 'The sign-in answer could not be verified. Start again.',
  keys_unavailable: "Microsoft's signing keys could not be fetched just now. Try again in a minute.",
  state: 'The sign-in answer does not belong to a sign-in started in this browser, or it was used already or is more than 10 minutes old.',
};

export function operatorProblemPage(title: string, message: string): string {
  return htmlPage(
    title,
    `<div class="problem"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></div><a class="button" href="/operator">Sign in again</a>`,
  );
}

export function signedOutPage(): string {
  return htmlPage('Signed out', `<h1>Signed out</h1><p>You are signed out of the operator page.</p><a class="button" href="/operator">Sign in again</a>`);
}

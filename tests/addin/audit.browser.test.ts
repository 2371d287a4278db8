/**
 * The audit list for people (issue #13), in headless chromium against the real server (SQLite): local time in the
 * Office display language, the actor's name from their token, the rule's name, and what changed in Outlook's words.
 * Checked with axe; its screenshot is docs/images/audit.png.
 */
import { join } from 'node:path';
import { USERS } from '../support/tokens';
import { cspViolations, openTaskpane, ROOT, seriousAxeViolations } from './support/browser-harness';
import { paneWithServer } from './support/pane-with-server';

jest.setTimeout(120_000);

const ADMIN = 'adminA';
/** An admin in Berlin whose Outlook is in British English. */
const SAMPLE = {
  subject: 'Quarterly review with Fabrikam',
  start: '2026-03-02T09:00:00Z',
  end: '2026-03-02T10:00:00Z',
  organizer: { emailAddress: 'admin@contoso.com', displayName: 'Ada Admin' },
  requiredAttendees: [],
  optionalAttendees: [],
  categories: [],
  me: 'admin@contoso.com',
  timeZone: 'W. Europe Standard Time',
  displayLanguage: 'en-GB',
};

const pane = paneWithServer(ADMIN);

describe('the audit list, in chromium', () => {
  it('says when (local time), who (by name), which rule and what changed, in Outlook words', async () => {
    const rule = await pane.api.createRule(ADMIN, {
      name: 'Away days',
      scope: 'org',
      when: { all: [{ field: 'showAs', op: 'equals', value: 'oof' }] },
      then: { category: 'Away', color: 'preset10' },
    });
    const admin = await pane.api.as(ADMIN);
    const changed = {
      name: rule.name,
      scope: 'org',
      when: { all: [{ field: 'showAs', op: 'in', value: ['oof', 'workingElsewhere'] }] },
      then: { category: 'Away', color: 'preset11' },
    };
    await admin.put(`/api/rules/${rule.id}`).set('If-Match', rule.etag).send(changed).expect(200);
    const entries = (await admin.get('/api/audit').expect(200)).body.items as Array<{ at: string }>;
    // The time the page must show: the entry's instant in Berlin, as en-GB writes it.
    const expected = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(
      Date.parse(entries[0]!.at),
    );

    const page = await openTaskpane(pane.browser, pane.server.url, SAMPLE);
    await page.getByRole('tab', { name: 'Admin' }).click();
    await page.getByRole('button', { name: 'Show recent changes' }).click();
    const list = page.getByRole('list', { name: 'Recent changes' });
    await list.waitFor();
    const items = await list.getByRole('listitem').allInnerTexts();
    expect(items).toHaveLength(2);
    const [update, create] = items as [string, string];
    expect(update).toContain(expected);
    expect(update).toContain(`${USERS.adminA.name} changed the rule “Away days”`);
    expect(update).toContain('Conditions: Show as is Out of office → Show as is one of Out of office or Working elsewhere');
    expect(update).toContain('Colour: Steel → Dark steel');
    expect(create).toContain(`${USERS.adminA.name} created the rule “Away days”`);
    for (const text of items) expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T|r_[A-Za-z0-9_-]{6,}|preset\d|oof|workingElsewhere|showAs|[0-9a-f]{8}-[0-9a-f]{4}/);

    await list.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ROOT, 'docs/images/audit.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(cspViolations(page)).toEqual([]);
    await page.close();
  });
});

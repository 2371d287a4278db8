/**
 * Issue #13 in headless chromium against the real server (SQLite): a toggled rule reads Off and "Next 7 days"
 * re-previews without a reload; the editor's category picker lists the org's and the mailbox's categories and
 * warns when the organisation's colour wins; a time condition's picker and This event's why write the display
 * language's clock. Microsoft Graph's calendarView is answered by a page route (nothing leaves the machine). Each
 * new view is checked with axe.
 */
import type { Page } from 'playwright-core';
import { cspViolations, openTaskpane, seriousAxeViolations } from './support/browser-harness';
import { paneWithServer } from './support/pane-with-server';
import { graphEvent } from './support/fake-graph';

jest.setTimeout(120_000);

const USER = 'aliceA';
const SAMPLE = {
  subject: 'Quarterly review with Fabrikam',
  location: 'Room 4',
  body: 'Agenda: numbers',
  start: '2026-03-02T09:00:00Z',
  end: '2026-03-02T10:00:00Z',
  organizer: { emailAddress: 'alice@contoso.com', displayName: 'Alice' },
  requiredAttendees: [{ emailAddress: 'bo@fabrikam.com', displayName: 'Bo' }],
  optionalAttendees: [],
  categories: [],
  masterCategories: [{ displayName: 'Holiday', color: 'Preset3' }],
  me: 'alice@contoso.com',
  dark: false,
};
const WEEK = [graphEvent('ev1', 'Design review', '2026-03-02T09:00'), graphEvent('ev2', 'Team standup', '2026-03-03T10:00')];

const pane = paneWithServer(USER);

beforeEach(async () => {
  await pane.api.createRule('adminA', {
    name: 'Team meetings',
    scope: 'org',
    when: { all: [{ field: 'subject', op: 'contains', value: 'team' }] },
    then: { category: 'Team', color: 'preset8' },
  });
  await pane.api.createRule(USER, {
    name: 'Reviews',
    scope: 'personal',
    when: { all: [{ field: 'subject', op: 'contains', value: 'review' }] },
    then: { category: 'Review', color: 'preset4' },
  });
});

/** The pane with Graph's calendarView answering the week above (the page route wins over the harness's abort-all). */
function openWithCalendar(): Promise<Page> {
  return openTaskpane(pane.browser, pane.server.url, SAMPLE, (page) => {
    void page.route('https://graph.microsoft.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ value: WEEK }) }),
    );
  });
}

describe('the editor helps, in chromium', () => {
  it('a toggled rule reads Off and Next 7 days drops its category without a reload', async () => {
    const page = await openWithCalendar();
    const event = page.getByRole('list', { name: 'Your next 7 days' }).getByRole('listitem', { name: 'Design review' });
    await event.getByText('Review', { exact: true }).waitFor();

    const row = page.getByRole('list', { name: 'My rules' }).getByRole('listitem', { name: 'Reviews' });
    await row.getByRole('switch', { name: 'Enable Reviews' }).click();
    await row.getByText('Off', { exact: true }).waitFor();
    expect(await row.getByRole('switch', { name: 'Enable Reviews' }).isChecked()).toBe(false);
    await event.getByText('no category').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(cspViolations(page)).toEqual([]);
    await page.close();
  });

  it('offers existing categories and warns that the organisation’s colour wins', async () => {
    const page = await openWithCalendar();
    await page.getByRole('button', { name: 'New rule' }).click();
    const form = page.getByRole('form', { name: 'New rule' });
    await form.getByRole('combobox', { name: /Or pick an existing category/ }).click();
    const options = page.getByRole('listbox').getByRole('option');
    // The two sources answer separately (the org's rules, then the mailbox's list through Office.js): wait for both.
    await options.nth(1).waitFor();
    expect(await options.allTextContents()).toEqual(['Holiday(Yellow)your categories', 'Team(Purple)organisation']);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('option', { name: /Team/ }).click();
    expect(await form.getByRole('textbox', { name: /Category name/ }).inputValue()).toBe('Team');
    await form.getByText('Colour: Purple').waitFor();
    await form.getByRole('gridcell', { name: 'Red', exact: true }).click();
    await form.getByText("“Team” is already an organisation category in Purple. Events will show Purple, not Red: the organisation's colour wins.").waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A time condition open (the quarter-hour picker) with the warning still showing, and This event's why in the
    // display language's clock (en-US), as the picker writes it.
    await form.getByRole('textbox', { name: /Rule name/ }).fill('Mornings');
    await form.getByRole('combobox', { name: 'Conditions, condition 1 field' }).selectOption('startTime');
    await form.getByRole('combobox', { name: 'Conditions, condition 1 operator' }).selectOption('between');
    const from = form.getByRole('combobox', { name: 'Conditions, condition 1 from' });
    await from.selectOption('08:30');
    await form.getByRole('combobox', { name: 'Conditions, condition 1 to' }).selectOption('12:00');
    expect(await from.locator('option:checked').textContent()).toBe('8:30 AM');
    const why = page.getByRole('list', { name: 'Why Mornings matched' });
    await why.getByText('Start time is between 8:30 AM and 12:00 PM (this event: 9:00 AM)').waitFor();
    await form.getByText(/already an organisation category/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await form.getByRole('button', { name: 'Use Purple' }).click();
    await form.getByText(/already an organisation category/).waitFor({ state: 'detached' });
    expect(cspViolations(page)).toEqual([]);
    await page.close();
  });
});

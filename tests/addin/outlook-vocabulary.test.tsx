/** @jest-environment jsdom */
/** The pane speaks Outlook (issue #13): the editor's choices, rule summaries and times in people's words and locale. */
import { screen, within } from '@testing-library/react';
import { FIELD_NAMES, OPS_BY_TYPE, FIELDS } from '../../shared';
import { rawTokensIn } from '../support/raw-identifiers';
import { openNewRuleEditor, selectOption } from './support/editor-helpers';
import { FakeGraph, graphEvent } from './support/fake-graph';
import { sampleAppointment } from './support/outlook-mock';
import { renderTaskpane } from './support/render-taskpane';
import { externalRule } from './support/rule-factories';

const row = (form: HTMLElement) => within(form).getByRole('group', { name: 'Conditions, condition 1' });
const control = (form: HTMLElement, part: string) => within(form).getByRole('combobox', { name: `Conditions, condition 1 ${part}` });
/** The words of an element as a person reads them: its text nodes apart, not run together. */
const wordsOf = (el: Element) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  while (walker.nextNode()) parts.push(walker.currentNode.textContent ?? '');
  return parts.join(' ');
};
const optionTexts = (select: HTMLElement) => Array.from(select.querySelectorAll('option')).map((o) => o.textContent ?? '');

describe('the pane speaks Outlook', () => {
  it('shows every field, operator and choice of the condition editor in words, never a raw identifier', async () => {
    renderTaskpane();
    const form = await openNewRuleEditor();
    let rendered = 0;
    for (const field of FIELD_NAMES) {
      selectOption(control(form, 'field'), field);
      for (const op of OPS_BY_TYPE[FIELDS[field].type]) {
        selectOption(control(form, 'operator'), op);
        // Every text of the row: labels, option texts, checkbox labels.
        const text = wordsOf(row(form));
        expect({ field, op, raw: [...rawTokensIn(text), ...(text.match(/\b(true|false)\b/g) ?? [])] }).toEqual({ field, op, raw: [] });
        rendered++;
      }
    }
    expect(rendered).toBeGreaterThan(FIELD_NAMES.length);

    selectOption(control(form, 'field'), 'showAs');
    expect(optionTexts(control(form, 'value'))).toEqual(['Free', 'Tentative', 'Busy', 'Out of office', 'Working elsewhere', 'No information']);
    selectOption(control(form, 'field'), 'onlineMeetingProvider');
    expect(optionTexts(control(form, 'value'))).toContain('Microsoft Teams');
    selectOption(control(form, 'field'), 'attendeeCount');
    expect(optionTexts(control(form, 'operator'))).toEqual(['is', 'is not', 'is more than', 'is at least', 'is less than', 'is at most', 'is between']);
  });

  it('summarises a rule in the list in the same words, with Outlook colour names', async () => {
    renderTaskpane({
      server: {
        rules: [
          externalRule({
            name: 'Away days',
            when: { field: 'showAs', op: 'in', value: ['oof', 'workingElsewhere'] },
            then: { category: 'Away', color: 'preset11', stop: false },
          }),
        ],
      },
    });
    const item = await screen.findByRole('listitem', { name: 'Away days' });
    expect(item.textContent).toContain('Show as is one of Out of office or Working elsewhere');
    expect(item.textContent).toContain('Dark steel');
    expect(rawTokensIn(wordsOf(item))).toEqual([]);
  });

  it.each([
    ['en-US', 'Start time is between 9:00 AM and 5:30 PM'],
    ['de-DE', 'Start time is between 09:00 and 17:30'],
  ])("in %s, a summary writes times of day with that language's clock", async (locale, summary) => {
    renderTaskpane({
      outlook: { displayLanguage: locale },
      server: { rules: [externalRule({ name: 'Office hours', when: { field: 'startTime', op: 'between', value: ['09:00', '17:30'] } })] },
    });
    expect((await screen.findByRole('listitem', { name: 'Office hours' })).textContent).toContain(summary);
  });

  it.each([
    ['en-US', 'Start time is between 9:00 AM and 5:30 PM (this event: 2:05 PM)'],
    ['de-DE', 'Start time is between 09:00 and 17:30 (this event: 14:05)'],
    ['en-GB', 'Start time is between 09:00 and 17:30 (this event: 14:05)'],
  ])('in %s, "This event" says why a rule matched with that language\'s clock, as its summary does', async (locale, why) => {
    renderTaskpane({
      outlook: { displayLanguage: locale, appointment: sampleAppointment({ start: new Date('2026-03-02T14:05:00Z'), end: new Date('2026-03-02T15:00:00Z') }) },
      server: { rules: [externalRule({ name: 'Office hours', when: { field: 'startTime', op: 'between', value: ['09:00', '17:30'] } })] },
    });
    const result = await screen.findByTestId('this-event-result');
    expect(within(result).getByRole('list', { name: 'Why Office hours matched' }).textContent).toBe(why);
  });

  const localeCases: Array<[string, string, string[]]> = [
    ['en-US', 'Mon, Mar 2, 9:00 AM', ['12:00 AM', '9:00 AM', '5:00 PM']],
    ['de-DE', 'Mo., 2. März, 09:00', ['00:00', '09:00', '17:00']],
    ['en-GB', 'Mon 2 Mar, 09:00', ['00:00', '09:00', '17:00']],
  ];

  it.each(localeCases)('in %s, writes "Next 7 days" and the time picker with that language\'s clock; all-day events say so', async (locale, start, picker) => {
    const allDay = { ...graphEvent('ev2', 'Offsite', '2026-03-03T00:00'), isAllDay: true, end: { dateTime: '2026-03-04T00:00:00.0000000', timeZone: 'UTC' } };
    const graph = new FakeGraph([graphEvent('ev1', 'Planning', '2026-03-02T09:00'), allDay]);
    renderTaskpane({ outlook: { displayLanguage: locale }, graph });
    const list = await screen.findByRole('list', { name: 'Your next 7 days' });
    expect(within(list).getByRole('listitem', { name: 'Planning' }).textContent).toContain(start);
    const offsite = within(list).getByRole('listitem', { name: 'Offsite' }).textContent ?? '';
    expect(offsite).toContain('All day');
    expect(offsite).not.toMatch(/00:00|12:00\sAM/);
    expect(list.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    const form = await openNewRuleEditor();
    selectOption(control(form, 'field'), 'startTime');
    selectOption(control(form, 'operator'), 'between');
    const from = within(form).getByRole('combobox', { name: 'Conditions, condition 1 from' });
    const labels = optionTexts(from);
    for (const p of picker) expect(labels).toContain(p);
    expect(labels).toHaveLength(96);
    // The rule still stores "HH:mm" whatever the clock shows.
    expect((from as HTMLSelectElement).value).toBe('09:00');
  });
});

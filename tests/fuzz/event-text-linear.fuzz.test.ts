/**
 * Normalising and evaluating an event costs time linear in its text, whatever the sender wrote and in whichever field
 * (issue #12). Measured as a ratio of CPU time per character between 4 KB and 256 KB (the API's body limit): a
 * quadratic step shows as ~64×, a linear one stays near 1×; the bound is a generous 8×. Never a time limit.
 */
import fc from 'fast-check';
import type { Event as GraphEvent } from '@microsoft/microsoft-graph-types';
import { compileRuleSet, fromGraphEvent, htmlToText, type Condition } from '../../shared';
import { makeGraphEvent } from '../factories/events';
import { ruleWhen } from '../factories/rules';
import { growthRatio, repeatTo } from '../support/linearity';

const SMALL = 4 * 1024;
const LARGE = 256 * 1024;
// 8×: far below the 64× of a quadratic step, far above what GC or a busy neighbour adds to the best of five CPU-time trials.
const MAX_GROWTH = 8;

/** The exact hostile bodies: the run of '<', and every other unclosed construct the old regexes re-read. */
const HOSTILE_UNITS = ['<', '<a', '<script', '<script>', '<style>x', '<SCRIPT type=x>', '</', '</scrip', '<<>', '&', '&amp', ' \u00a0'];

/** Every text field a sender controls, with the hostile text put into it. */
const FIELDS: Record<string, (text: string) => Partial<GraphEvent>> = {
  htmlBody: (t) => ({ body: { contentType: 'html', content: t } }),
  textBody: (t) => ({ body: { contentType: 'text', content: t } }),
  bodyPreview: (t) => ({ body: undefined, bodyPreview: t }),
  subject: (t) => ({ subject: t }),
  location: (t) => ({ location: { displayName: t } }),
  locations: (t) => ({ location: undefined, locations: [{ displayName: t }, { displayName: t }] }),
  organizerName: (t) => ({ organizer: { emailAddress: { name: t, address: 'x@example.com' } } }),
  organizerAddress: (t) => ({ organizer: { emailAddress: { name: 'x', address: `${t}@${t}` } } }),
  attendees: (t) => ({
    attendees: [
      { type: 'required', emailAddress: { name: t, address: `${t}@ex.com` } },
      { type: 'optional', emailAddress: { name: t, address: `a@${t}` } },
    ],
  }),
  timeZone: (t) => ({ start: { dateTime: '2026-11-24T09:00:00', timeZone: t }, end: { dateTime: '2026-11-24T10:00:00', timeZone: t } }),
};

/** Rules that read every text field with every kind of text test, RE2 included. */
const TEXT_TESTS: Condition[] = ['subject', 'body', 'location', 'organizer', 'organizerDomain'].flatMap(
  (field) =>
    [
      { field, op: 'contains', value: 'zoom.us' },
      { field, op: 'endsWith', value: '<a' },
      { field, op: 'matches', value: '(proj|project)[- ]?\\d{3,6}' },
    ] as Condition[],
);
const ruleSet = compileRuleSet(
  [
    ruleWhen({ any: TEXT_TESTS }, 'Text'),
    ruleWhen(
      {
        any: [
          { field: 'attendees', op: 'contains', value: 'zoom' },
          { field: 'attendeeDomains', op: 'matches', value: 'a+b' },
        ],
      },
      'People',
    ),
  ],
  { internalDomains: ['contoso.com'] },
);

function normaliseAndEvaluate(field: string) {
  return (text: string) => ruleSet.evaluate(fromGraphEvent(makeGraphEvent(FIELDS[field]!(text)), { mailbox: 'ada@contoso.com', timeZone: 'Europe/Paris' }));
}

describe('event text costs linear time', () => {
  test.each(HOSTILE_UNITS)('htmlToText on %j repeated: cost per KB stays flat from 4 KB to 256 KB', (unit) => {
    expect(growthRatio(htmlToText, (n) => repeatTo(unit, n), SMALL, LARGE)).toBeLessThanOrEqual(MAX_GROWTH);
  });

  test('normalising and evaluating any event: cost per KB stays flat in every sender-controlled field', () => {
    const unitArb = fc.array(fc.constantFrom('<', '>', '/', 'script', 'style', '&', 'amp;', '@', ' ', '\u00a0', 'a', '.', '-', '1'), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(unitArb, fc.constantFrom(...Object.keys(FIELDS)), (pieces, field) => {
        const ratio = growthRatio(normaliseAndEvaluate(field), (n) => repeatTo(pieces.join(''), n), SMALL, LARGE);
        if (ratio > MAX_GROWTH) throw new Error(`${field} with ${JSON.stringify(pieces.join(''))}: cost per KB grew ${ratio.toFixed(1)}×`);
      }),
      {
        seed: 1212,
        numRuns: 25,
        examples: [
          [['<'], 'htmlBody'],
          [['<script'], 'htmlBody'],
        ],
      },
    );
  });
});

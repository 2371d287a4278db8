/** Body text extraction: the same text as the old regex version, from a linear scanner, within BODY_LIMITS. */
import fc from 'fast-check';
import { BODY_LIMITS, fromGraphEvent, fromOfficeSnapshot, htmlToText } from '../../../shared';
import { makeGraphEvent } from '../../factories/events';
import { regexHtmlToText } from '../../support/regex-html-to-text';

/** Pieces that exercise every branch: tags, raw-text blocks and their end tags in any case, the six entities, near misses. */
const PIECES = [
  '<',
  '>',
  '/',
  '</',
  '<>',
  '<b>',
  '<a href="x">',
  '<br/>',
  '<script>',
  '<SCRIPT type="x">',
  '<scripts>',
  '</script>',
  '</SCRIPT>',
  '</script >',
  '<style>',
  '<Style media="x">',
  '</style>',
  '</STYLE>',
  '<styled',
  '&',
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&#39;',
  '&nbsp;',
  '&amp;lt;',
  '&copy;',
  ' ',
  '\n',
  '\t',
  '\u00a0',
  '\u2028',
  'a',
  'Agenda',
  'zoom.us',
  'ſcript',
  '\u{1F600}',
];
const htmlArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));

describe('htmlToText', () => {
  test('gives exactly what the old regex version gave, on inputs within the limits', () => {
    fc.assert(
      fc.property(htmlArb, (html) => htmlToText(html) === regexHtmlToText(html)),
      { seed: 1212, numRuns: 5000 },
    );
  });

  test('decodes the same six entities as before, each once, and no others', () => {
    expect(htmlToText('a&nbsp;b &lt;c&gt; &quot;d&quot; &#39;e&#39; f&amp;g')).toBe('a b <c> "d" \'e\' f&g');
    expect(htmlToText('&amp;lt; &amp;amp; &copy; &#160;')).toBe('&lt; &amp; &copy; &#160;');
    expect(htmlToText('&lt;b&gt;bold&lt;/b&gt;')).toBe('<b>bold</b>'); // decoded text is never read as a tag
  });

  test('drops tags, script and style blocks; keeps unclosed and empty angle brackets as text', () => {
    expect(htmlToText('<p>Hi <b>there</b></p><script>alert(1)</SCRIPT><style>p{}</style>!')).toBe('Hi there !');
    expect(htmlToText('a <> b < c')).toBe('a <> b < c');
    expect(htmlToText('<script>never closed <b>x</b>')).toBe('never closed x'); // an unclosed block is just a tag
  });

  test(`rules see at most ${BODY_LIMITS.textChars} characters of text, from at most ${BODY_LIMITS.htmlChars} of HTML`, () => {
    const words = 'word '.repeat(BODY_LIMITS.textChars);
    expect(htmlToText(`<p>${words}</p>`)).toHaveLength(BODY_LIMITS.textChars);
    const late = `${'<br>'.repeat(BODY_LIMITS.htmlChars / 4)}late`;
    expect(htmlToText(late)).toBe('');
    expect(htmlToText(`${'<br>'.repeat(BODY_LIMITS.htmlChars / 4 - 1)}late`)).toBe('late');
  });

  test('never cuts a surrogate pair in half at the limit', () => {
    const text = htmlToText(`${'a'.repeat(BODY_LIMITS.textChars - 1)}\u{1F600}`);
    expect(text).toHaveLength(BODY_LIMITS.textChars - 1);
  });

  test('plain-text bodies, from Graph and from Office.js, are bounded the same way', () => {
    const long = 'x'.repeat(BODY_LIMITS.textChars + 100);
    expect(fromGraphEvent(makeGraphEvent({ body: { contentType: 'text', content: long } })).body).toHaveLength(BODY_LIMITS.textChars);
    expect(fromGraphEvent(makeGraphEvent({ body: { contentType: 'html', content: long } })).body).toHaveLength(BODY_LIMITS.textChars);
    const snapshot = {
      subject: 's',
      body: long,
      start: '2026-11-24T09:00:00Z',
      end: '2026-11-24T10:00:00Z',
      requiredAttendees: [],
      optionalAttendees: [],
      isOrganizer: true,
    };
    expect(fromOfficeSnapshot(snapshot).body).toHaveLength(BODY_LIMITS.textChars);
  });
});

/**
 * The console log of `npm start` (issue #13: 37 raw JSON lines in 20 s pushed the banner off the screen): at a
 * terminal one readable line per event and the sync's routine work only at debug; JSON lines when stdout is not
 * a terminal or CALSYNC_LOG_FORMAT=json; tokens redacted in both.
 */
import { loadConfig } from '../../server/config';
import { demoOptionsFromEnv } from '../../server/config/demo';
import { consoleLogger } from '../../server/console-log';

function capture(isTTY: boolean): { out: { isTTY: boolean; write(s: string): void }; lines(): string[] } {
  let text = '';
  return { out: { isTTY, write: (s: string) => void (text += s) }, lines: () => text.split('\n').filter(Boolean) };
}

const round = (changed: number) => ({
  component: 'sync',
  mailbox: '719de8d471f6',
  reason: 'schedule',
  fullRound: changed > 0,
  fullReason: changed > 0 ? 'first' : null,
  eventsScanned: 29,
  changed,
  stamped: changed,
  failed: 0,
  committed: true,
});
/** CALSYNC_LOG_FORMAT as the configuration reads it (server/config), the one place that does. */
const formatIn = (env: NodeJS.ProcessEnv) => demoOptionsFromEnv(env).logFormat;

const withToken = { req: { method: 'GET', url: '/api/rules', headers: { authorization: 'Bearer eyJ.secret-token.sig' } } };

describe('at a terminal', () => {
  test('one readable line per event (a round in words, others with the fields that say something); routine sync work hidden at info', () => {
    const { out, lines } = capture(true);
    const logger = consoleLogger({ level: 'info', format: formatIn({}), out });
    logger.info(round(6), 'mailbox round done');
    logger.info(round(0), 'mailbox round done');
    logger.child({ component: 'sync' }).info({ mailbox: '719de8d471f6' }, 'subscription created');
    logger.warn({ err: new Error('Graph answered 503') }, 'subscription renewal failed; next pass retries');

    expect(lines()).toHaveLength(2);
    const [done, warning] = lines();
    expect(done).toMatch(/^\d\d:\d\d:\d\d INFO {2}\[sync\] mailbox 719de8d471f6: full round \(first\), 29 events read, 6 changed$/);
    expect(warning).toMatch(/^\d\d:\d\d:\d\d WARN {2}subscription renewal failed; next pass retries err="Graph answered 503"$/);
    expect(lines().some((l) => l.includes('{'))).toBe(false);
  });

  test('LOG_LEVEL=debug shows the routine work too', () => {
    const { out, lines } = capture(true);
    const logger = consoleLogger({ level: 'debug', format: formatIn({}), out });
    logger.info(round(0), 'mailbox round done');
    logger.info({ component: 'sync', mailbox: '719de8d471f6' }, 'subscription created');
    expect(lines()).toEqual([
      expect.stringContaining('mailbox 719de8d471f6: round, 29 events read, 0 changed'),
      expect.stringContaining('subscription created mailbox=719de8d471f6'),
    ]);
  });

  test('CALSYNC_LOG_FORMAT=json asks for JSON lines', () => {
    const { out, lines } = capture(true);
    consoleLogger({ level: 'info', format: formatIn({ CALSYNC_LOG_FORMAT: 'json' }), out }).info(round(0), 'mailbox round done');
    expect(JSON.parse(lines()[0]!)).toMatchObject({ msg: 'mailbox round done', changed: 0 });
  });
});

test('not a terminal: JSON lines, every event (programs filter for themselves)', () => {
  const { out, lines } = capture(false);
  const logger = consoleLogger({ level: 'info', format: formatIn({}), out });
  logger.info(round(0), 'mailbox round done');
  logger.info({ component: 'sync' }, 'subscription created');
  expect(lines().map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['mailbox round done', 'subscription created']);
});

test.each([
  ['a terminal', true, {}],
  ['a pipe', false, {}],
  ['CALSYNC_LOG_FORMAT=lines', false, { CALSYNC_LOG_FORMAT: 'lines' }],
])('tokens are redacted in %s', (_name, isTTY, env) => {
  const { out, lines } = capture(isTTY);
  consoleLogger({ level: 'info', format: formatIn(env), out }).info(withToken, 'request');
  expect(lines()).toHaveLength(1);
  expect(lines()[0]).not.toContain('secret-token');
  expect(lines()[0]).toContain('[redacted]');
});

test('an unknown CALSYNC_LOG_FORMAT is refused by name, by the API and the demo configuration alike', () => {
  const api = { CALSYNC_API_AUDIENCE: 'api://calsync', CALSYNC_LOG_FORMAT: 'pretty' };
  expect(() => loadConfig(api)).toThrow('CALSYNC_LOG_FORMAT: expected json or lines, got "pretty"');
  expect(() => demoOptionsFromEnv({ CALSYNC_LOG_FORMAT: 'pretty' })).toThrow('CALSYNC_LOG_FORMAT: expected json or lines, got "pretty"');
  expect(loadConfig({ ...api, CALSYNC_LOG_FORMAT: ' JSON ' }).logFormat).toBe('json');
  expect(loadConfig({ ...api, CALSYNC_LOG_FORMAT: '' }).logFormat).toBeUndefined();
});

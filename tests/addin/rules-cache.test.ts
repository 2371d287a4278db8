import { stampComposeItem } from '../../addin/launchevent/stamp-compose-item';
import { currentItem } from '../../addin/office/mailbox';
import { readRulesCache, RULES_CACHE_KEY, RULES_CACHE_MAX_CHARS, storedSize, writeRulesCache } from '../../addin/office/rules-cache';
import { installOutlookMock, removeOutlookMock, sampleAppointment } from './support/outlook-mock';
import { apiRule } from './support/rule-factories';

afterEach(removeOutlookMock);

describe('the compose-time rules cache (roaming settings)', () => {
  it('round-trips the effective rules without their ETags, and saves the settings', async () => {
    const outlook = installOutlookMock({ mode: 'read' });
    const rules = [apiRule({ id: 'r_1' }), apiRule({ id: 'r_2', scope: 'org' })];
    await expect(writeRulesCache(rules, ['contoso.com'], new Date('2026-01-01T00:00:00Z'))).resolves.toBe('saved');
    expect(outlook.roamingSaves).toBe(1);
    const cache = readRulesCache()!;
    expect(cache.internalDomains).toEqual(['contoso.com']);
    expect(cache.savedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(cache.rules.map((r) => r.id)).toEqual(['r_1', 'r_2']);
    expect(cache.rules[0]).not.toHaveProperty('etag');
  });

  it('does not save an unchanged rule set again (each save is a round trip to the mailbox)', async () => {
    const outlook = installOutlookMock({ mode: 'read' });
    const rules = [apiRule({ id: 'r_1' })];
    await expect(writeRulesCache(rules, ['contoso.com'])).resolves.toBe('saved');
    await expect(writeRulesCache(rules, ['contoso.com'])).resolves.toBe('unchanged');
    expect(outlook.roamingSaves).toBe(1);
    await expect(writeRulesCache([{ ...rules[0]!, enabled: false }], ['contoso.com'])).resolves.toBe('saved');
    expect(outlook.roamingSaves).toBe(2);
  });

  it('ignores a cache of another version or a corrupt one', () => {
    installOutlookMock({ mode: 'read', roaming: { [RULES_CACHE_KEY]: JSON.stringify({ v: 99, rules: [] }) } });
    expect(readRulesCache()).toBeNull();
    installOutlookMock({ mode: 'read', roaming: { [RULES_CACHE_KEY]: '{not json' } });
    expect(readRulesCache()).toBeNull();
    installOutlookMock({ mode: 'read', roaming: { [RULES_CACHE_KEY]: JSON.stringify({ v: 1, rules: [{ id: 5 }] }) } });
    expect(readRulesCache()).toBeNull();
  });
});

/** The roaming settings the mailbox stored, as a new runtime (the compose handler's) loads them. */
function handlerSees(saved: Map<string, unknown>, appointment = sampleAppointment({ subject: 'review' })) {
  return installOutlookMock({ mode: 'compose', client: 'classicWindows', roaming: Object.fromEntries(saved), appointment });
}

/** Rules whose JSON is dense with quotes, as `in` lists are: escaping them on save adds about half again. */
function quoteDenseRules(count: number, prefix = 'r') {
  return Array.from({ length: count }, (_, i) =>
    apiRule({
      id: `${prefix}_${i}`,
      order: i + 1,
      when: { all: [{ field: 'subject', op: 'in', value: Array.from({ length: 60 }, (_, j) => `s${j}`) }] },
      then: { category: `C${i}`, color: 'preset1', stop: false },
    }),
  );
}

describe("the rules cache within Outlook's 32 KB of roaming settings", () => {
  it('measures what Outlook stores (escaped), so a cache under the old 28,000-character cap is not refused and left stale', async () => {
    const stale = JSON.stringify({ v: 1, savedAt: '2025-01-01T00:00:00Z', internalDomains: [], rules: [apiRule({ id: 'r_stale' })] });
    const outlook = installOutlookMock({ mode: 'read', client: 'web', roaming: { [RULES_CACHE_KEY]: stale } });
    const rules = quoteDenseRules(51);
    const unescaped = JSON.stringify({ v: 1, savedAt: new Date().toISOString(), internalDomains: [], rules: rules.map(({ etag: _e, ...r }) => r) });
    // The scenario of issue 19: under the old cap before escaping, over Outlook's limit once stored.
    expect(unescaped.length).toBeLessThan(RULES_CACHE_MAX_CHARS);
    expect(storedSize(RULES_CACHE_KEY, unescaped)).toBeGreaterThan(32 * 1024);

    await expect(writeRulesCache(rules, [])).resolves.toBe('partial');
    const saved = outlook.savedRoaming.get(RULES_CACHE_KEY);
    expect(storedSize(RULES_CACHE_KEY, saved)).toBeLessThanOrEqual(RULES_CACHE_MAX_CHARS);
    handlerSees(outlook.savedRoaming);
    const cache = readRulesCache()!;
    expect(cache.rules.map((r) => r.id)).not.toContain('r_stale');
    // The first rules in evaluation order, and a count of the ones left to the sync.
    expect(cache.rules.map((r) => r.id)).toEqual(rules.slice(0, cache.rules.length).map((r) => r.id));
    expect(cache.omitted).toBe(rules.length - cache.rules.length);
    expect(cache.rules.length).toBeGreaterThan(0);
  });

  it('when trimming, keeps what the handler evaluates: disabled and RE2-pattern rules go first', async () => {
    const outlook = installOutlookMock({ mode: 'read' });
    const disabled = quoteDenseRules(40, 'off').map((r) => ({ ...r, enabled: false }));
    const pattern = apiRule({ id: 'r_pattern', order: 0, when: { all: [{ field: 'subject', op: 'matches', value: '^re:' }] } });
    const needed = quoteDenseRules(5, 'on');
    await expect(writeRulesCache([pattern, ...disabled, ...needed], [])).resolves.toBe('saved');
    handlerSees(outlook.savedRoaming);
    expect(readRulesCache()!.rules.map((r) => r.id)).toEqual(needed.map((r) => r.id));
  });

  it('when not even the first rule fits, stores a marker and the handler does nothing rather than stamp from older rules', async () => {
    const stale = JSON.stringify({
      v: 1,
      savedAt: '2025-01-01T00:00:00Z',
      internalDomains: [],
      rules: [apiRule({ id: 'r_stale', then: { category: 'Stale', color: 'preset1', stop: false } })],
    });
    const outlook = installOutlookMock({ mode: 'read', roaming: { [RULES_CACHE_KEY]: stale } });
    const huge = apiRule({ id: 'r_huge', when: { all: [{ field: 'subject', op: 'in', value: Array.from({ length: 6000 }, (_, j) => `s${j}`) }] } });
    await expect(writeRulesCache([huge], [])).resolves.toBe('too_large');
    expect(readRulesCache()).toMatchObject({ tooLarge: true, rules: [] });

    const handler = handlerSees(outlook.savedRoaming);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(stampComposeItem(currentItem())).resolves.toEqual({ kind: 'cache_too_large' });
    expect(handler.itemCategories).toEqual([]);
    expect(handler.calls.filter((c) => c.startsWith('item.'))).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/too large/));
    warn.mockRestore();
  });

  it('when Outlook still refuses the size (other settings took the room), the marker replaces the stale cache', async () => {
    const stale = JSON.stringify({ v: 1, savedAt: '2025-01-01T00:00:00Z', internalDomains: [], rules: [apiRule({ id: 'r_stale' })] });
    const outlook = installOutlookMock({ mode: 'read', roaming: { [RULES_CACHE_KEY]: stale, 'someone.else': 'x'.repeat(12_000) } });
    await expect(writeRulesCache(quoteDenseRules(30), [])).resolves.toBe('too_large');
    handlerSees(outlook.savedRoaming);
    expect(readRulesCache()).toMatchObject({ tooLarge: true, rules: [] });
    expect(outlook.savedRoaming.get('someone.else')).toHaveLength(12_000);
  });
});

import { readRulesCache, RULES_CACHE_KEY, writeRulesCache } from '../../addin/office/rules-cache';
import { installOutlookMock, removeOutlookMock } from './support/outlook-mock';
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

  it('clears the cache rather than truncating a rule set too large for roaming settings', async () => {
    const outlook = installOutlookMock({ mode: 'read', roaming: { [RULES_CACHE_KEY]: 'old' } });
    const big = Array.from({ length: 200 }, (_, i) => apiRule({ id: `r_big${i}`, name: 'x'.repeat(100) }));
    await expect(writeRulesCache(big, [])).resolves.toBe('too_large');
    expect(outlook.roaming.has(RULES_CACHE_KEY)).toBe(false);
    expect(readRulesCache()).toBeNull();
  });
});

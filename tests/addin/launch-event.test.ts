import { HANDLER_NAMES, onAppointmentEvent, registerLaunchEventHandlers } from '../../addin/launchevent/launchevent';
import { rulesWithoutPatterns } from '../../addin/launchevent/pattern-rules';
import { RULES_CACHE_KEY } from '../../addin/office/rules-cache';
import type { Rule } from '../../shared';
import { installOutlookMock, removeOutlookMock, sampleAppointment } from './support/outlook-mock';
import { apiRule, externalRule } from './support/rule-factories';

afterEach(removeOutlookMock);

function cacheOf(rules: Rule[], internalDomains = ['contoso.com']) {
  return { [RULES_CACHE_KEY]: JSON.stringify({ v: 1, savedAt: '2026-01-01T00:00:00Z', internalDomains, rules }) };
}

function completion() {
  const calls: unknown[] = [];
  return { event: { completed: (o?: unknown) => void calls.push(o ?? null) }, calls };
}

describe('compose-time handler', () => {
  it('stamps the categories the cached rules give the new meeting, then completes', async () => {
    const outlook = installOutlookMock({ mode: 'compose', client: 'classicWindows', roaming: cacheOf([externalRule({ then: { category: 'External', color: 'preset0', stop: false } })]) });
    const { event, calls } = completion();
    await onAppointmentEvent(event);
    expect(outlook.itemCategories).toEqual(['External']);
    expect(outlook.masterCategories).toEqual([{ displayName: 'External', color: 'Preset0' }]);
    expect(calls).toHaveLength(1);
  });

  it('with no cache completes without touching the item', async () => {
    const outlook = installOutlookMock({ mode: 'compose' });
    const { event, calls } = completion();
    await onAppointmentEvent(event);
    expect(calls).toHaveLength(1);
    expect(outlook.calls.filter((c) => c.includes('categories'))).toEqual([]);
  });

  it('completes even when Outlook fails a call', async () => {
    const outlook = installOutlookMock({
      mode: 'compose',
      client: 'mac',
      roaming: cacheOf([externalRule()]),
      failures: { 'item.categories.addAsync': { code: 9002, name: 'InternalError' } },
    });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { event, calls } = completion();
    await onAppointmentEvent(event);
    expect(calls).toHaveLength(1);
    expect(outlook.itemCategories).toEqual([]);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('does nothing when no rule matches', async () => {
    const outlook = installOutlookMock({
      mode: 'compose',
      client: 'classicWindows',
      appointment: sampleAppointment({ requiredAttendees: [{ emailAddress: 'cy@contoso.com', displayName: 'Cy' }] }),
      roaming: cacheOf([externalRule()]),
    });
    await onAppointmentEvent(completion().event);
    expect(outlook.calls.filter((c) => c.endsWith('addAsync'))).toEqual([]);
  });

  it('registers one handler per launch event with the names the manifest uses', () => {
    const associated: string[] = [];
    expect(registerLaunchEventHandlers({ actions: { associate: (name) => void associated.push(name) } })).toBe(true);
    expect(associated).toEqual([...HANDLER_NAMES]);
    expect(registerLaunchEventHandlers(undefined)).toBe(false);
  });
});

describe('compose-time handler per Outlook client', () => {
  const external = () => cacheOf([externalRule({ then: { category: 'External', color: 'preset0', stop: false } })]);

  it.each(['classicWindows', 'mac'] as const)('stamps while composing in %s, which allows item categories in compose mode', async (client) => {
    const outlook = installOutlookMock({ mode: 'compose', client, roaming: external() });
    const { event, calls } = completion();
    await onAppointmentEvent(event);
    expect(outlook.itemCategories).toEqual(['External']);
    expect(calls).toHaveLength(1);
  });

  it.each(['web', 'newOutlook'] as const)('in %s calls no category API (all refused while composing) and completes', async (client) => {
    const outlook = installOutlookMock({ mode: 'compose', client, roaming: external() });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { event, calls } = completion();
    await onAppointmentEvent(event);
    expect(calls).toHaveLength(1);
    expect(outlook.calls.filter((c) => c.toLowerCase().includes('categories'))).toEqual([]);
    // Nothing was tried and failed: the event is left to the sync, not to a swallowed error.
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('rules the handler leaves to the server (RE2 patterns)', () => {
  const pattern = (over: Partial<Rule>) => apiRule({ when: { all: [{ field: 'subject', op: 'matches', value: '^re:' }] }, ...over });

  it('skips pattern rules, keeping the others in evaluation order', () => {
    const rules = [apiRule({ id: 'r_a', order: 1 }), pattern({ id: 'r_p', order: 2 }), apiRule({ id: 'r_b', order: 3 })];
    expect(rulesWithoutPatterns(rules).map((r) => r.id)).toEqual(['r_a', 'r_b']);
  });

  it('stops before a skipped pattern rule that says stop, so it never adds what the engine would not', () => {
    const rules = [apiRule({ id: 'r_a', order: 1 }), pattern({ id: 'r_p', order: 2, then: { category: 'P', color: 'preset1', stop: true } }), apiRule({ id: 'r_b', order: 3 })];
    expect(rulesWithoutPatterns(rules).map((r) => r.id)).toEqual(['r_a']);
  });

  it('finds patterns nested under not/any', () => {
    const nested = apiRule({ id: 'r_n', when: { any: [{ not: { field: 'location', op: 'matches', value: 'x' } }] } });
    expect(rulesWithoutPatterns([nested])).toEqual([]);
  });
});

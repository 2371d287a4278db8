import { HANDLER_NAMES, onAppointmentEvent, registerLaunchEventHandlers } from '../../addin/launchevent/launchevent';
import { rulesWithout, rulesWithoutPatterns, usesTimeOfDay } from '../../addin/launchevent/pattern-rules';
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
    const outlook = installOutlookMock({
      mode: 'compose',
      client: 'classicWindows',
      roaming: cacheOf([externalRule({ then: { category: 'External', color: 'preset0', stop: false } })]),
    });
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
    const rules = [
      apiRule({ id: 'r_a', order: 1 }),
      pattern({ id: 'r_p', order: 2, then: { category: 'P', color: 'preset1', stop: true } }),
      apiRule({ id: 'r_b', order: 3 }),
    ];
    expect(rulesWithoutPatterns(rules).map((r) => r.id)).toEqual(['r_a']);
  });

  it('finds patterns nested under not/any', () => {
    const nested = apiRule({ id: 'r_n', when: { any: [{ not: { field: 'location', op: 'matches', value: 'x' } }] } });
    expect(rulesWithoutPatterns([nested])).toEqual([]);
  });
});

/**
 * Classic Outlook's JavaScript-only runtime may have no Intl (office-js 4631): the mailbox's zone cannot be
 * resolved there, and the engine would read the event's time in UTC. Time rules are skipped then, and logged.
 */
describe('rules on the day or time when the time zone cannot be resolved', () => {
  // 09:00 UTC is 18:00 in Tokyo: "before noon" holds only if the time were (wrongly) read in UTC.
  const rules = [
    apiRule({
      id: 'r_morning',
      order: 1,
      when: { all: [{ field: 'startTime', op: 'before', value: '12:00' }] },
      then: { category: 'Morning', color: 'preset1', stop: false },
    }),
    apiRule({
      id: 'r_review',
      order: 2,
      when: { all: [{ field: 'subject', op: 'contains', value: 'review' }] },
      then: { category: 'Review', color: 'preset2', stop: false },
    }),
  ];
  // The shared time code keeps one formatter per zone: each test uses its own zone (both UTC+9, no DST).
  const setup = (timeZone: string) =>
    installOutlookMock({
      mode: 'compose',
      client: 'classicWindows',
      timeZone,
      appointment: sampleAppointment({ subject: 'Quarterly review', start: new Date('2026-03-02T09:00:00Z'), end: new Date('2026-03-02T10:00:00Z') }),
      roaming: cacheOf(rules),
    });

  it('with Intl, reads the time in the mailbox zone (18:00 in Tokyo is not before noon)', async () => {
    const outlook = setup('Tokyo Standard Time');
    await onAppointmentEvent(completion().event);
    expect(outlook.itemCategories).toEqual(['Review']);
  });

  it('without Intl, skips the time rules instead of judging the UTC clock, and says so in its log', async () => {
    const outlook = setup('Korea Standard Time');
    const intl = globalThis.Intl;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { event, calls } = completion();
    try {
      delete (globalThis as { Intl?: unknown }).Intl;
      await onAppointmentEvent(event);
    } finally {
      globalThis.Intl = intl;
    }
    expect(calls).toHaveLength(1);
    expect(outlook.itemCategories).toEqual(['Review']);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/time zone .*cannot be resolved.*day or time/));
    warn.mockRestore();
  });

  it('a skipped time rule that stops ends the list there, so nothing is added that the engine would not add', () => {
    const stopping = [{ ...rules[0]!, then: { ...rules[0]!.then, stop: true } }, rules[1]!];
    expect(rulesWithout(stopping, usesTimeOfDay)).toEqual([]);
    expect(rulesWithout(rules, usesTimeOfDay).map((r) => r.id)).toEqual(['r_review']);
  });
});

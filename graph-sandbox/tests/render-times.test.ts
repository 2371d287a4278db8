/**
 * Rendering takes shortcuts: an instance's instants are reused instead of converting its wall times again, and a
 * body's preview is remembered per body. What is rendered must stay what the plain conversion gives, across a
 * clock change too, and a new body must show its own preview.
 */
import { createEvent, updateEvent } from '../src/event-writes';
import { renderInstance, renderOccurrenceStub } from '../src/event-render';
import { eventInstances, findInstance } from '../src/instances';
import type { LocalTime } from '../src/model';
import { SandboxStore } from '../src/store';
import { graphDateTime, localToUtcMs, utcMsToLocal } from '../src/time-zones';

/** The plain way: a wall time in its zone to an instant, shown in the reader's zone. */
const plain = (t: LocalTime, zone: string): string => graphDateTime(utcMsToLocal(localToUtcMs(t.dateTime, t.timeZone), zone));

describe('graph sandbox: rendered times and previews', () => {
  const store = new SandboxStore('t');
  const mailbox = store.addMailbox({ userPrincipalName: 'ada@contoso.com', displayName: 'Ada Lovelace', timeZone: 'Europe/Berlin' });
  // A daily series of two hours from 01:30 Berlin time across the night clocks go forward (29 March 2026), one
  // occurrence moved, one changed without moving; and a plain event.
  const series = createEvent(store, mailbox, {
    subject: 'Night shift',
    start: { dateTime: '2026-03-27T01:30:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2026-03-27T03:30:00', timeZone: 'Europe/Berlin' },
    recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: '2026-03-27', numberOfOccurrences: 5 } },
  });
  const single = createEvent(store, mailbox, {
    subject: 'Review',
    body: { contentType: 'html', content: '<p>First   agenda</p>' },
    start: { dateTime: '2026-03-29T09:00:00', timeZone: 'Pacific Standard Time' },
    end: { dateTime: '2026-03-29T10:15:00', timeZone: 'Pacific Standard Time' },
  });
  const from = Date.UTC(2026, 2, 20);
  const to = Date.UTC(2026, 3, 10);
  const occurrence = (n: number) => eventInstances(series, from, to)[n]!;
  updateEvent(
    store,
    occurrence(3),
    { start: { dateTime: '2026-03-30T05:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-03-30T06:00:00', timeZone: 'UTC' } },
    undefined,
  );
  updateEvent(store, occurrence(4), { subject: 'Night shift (short)' }, undefined);

  test('every instance renders the times the plain conversion gives, in any reader zone', () => {
    const instances = [
      ...eventInstances(series, from, to),
      ...eventInstances(single, from, to),
      findInstance(mailbox.events, series.id)!,
      findInstance(mailbox.events, single.id)!,
    ];
    expect(instances.map((i) => i.type).sort()).toEqual([
      'exception',
      'exception',
      'occurrence',
      'occurrence',
      'occurrence',
      'seriesMaster',
      'singleInstance',
      'singleInstance',
    ]);
    for (const zone of ['UTC', 'Europe/Berlin', 'Tokyo Standard Time']) {
      for (const instance of instances) {
        const start = instance.override?.start ?? instance.start;
        const end = instance.override?.end ?? instance.end;
        const full = renderInstance(instance, { timeZone: zone });
        expect([full.start?.dateTime, full.end?.dateTime]).toEqual([plain(start, zone), plain(end, zone)]);
        if (instance.type !== 'occurrence') continue;
        const stub = renderOccurrenceStub(instance, { timeZone: zone }, '#microsoft.graph.event');
        expect([stub.start?.dateTime, stub.end?.dateTime]).toEqual([plain(instance.start, zone), plain(instance.end, zone)]);
      }
    }
    // The occurrence on the night of the change: its end is its wall time (03:30), not its start plus two hours.
    const night = eventInstances(series, from, to)[2]!;
    expect(renderInstance(night, { timeZone: 'Europe/Berlin' }).end?.dateTime).toBe('2026-03-29T03:30:00.0000000');
  });

  test('a new body shows its own preview', () => {
    const instance = () => findInstance(mailbox.events, single.id)!;
    expect(renderInstance(instance(), { timeZone: 'UTC' }).bodyPreview).toBe('First agenda');
    updateEvent(store, instance(), { body: { contentType: 'text', content: ' Second\n\nagenda ' } }, undefined);
    expect(renderInstance(instance(), { timeZone: 'UTC' }).bodyPreview).toBe('Second agenda');
  });
});

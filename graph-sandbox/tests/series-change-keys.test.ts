import type { Event } from '@microsoft/microsoft-graph-types';
import { changed, deltaRound } from './support/delta';
import { graphError, startHarness, type SandboxHarness } from './support/sandbox-client';
import { attendee, dayFromToday, smallTenant } from './support/factories';

type EtaggedEvent = Event & { '@odata.etag': string };

/**
 * Exchange stores an exception on the series item: editing or deleting one occurrence changes the series
 * master's changeKey, in the organizer's mailbox and in every attendee's copy.
 */
describe('graph sandbox: an exception changes its series master', () => {
  let h: SandboxHarness;
  const organizer = '/users/olivia@contoso.com';
  const ada = '/users/ada@contoso.com';
  const day = dayFromToday(2);
  const window = { startDateTime: `${day}T00:00:00Z`, endDateTime: `${dayFromToday(9)}T00:00:00Z` };

  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
  });
  afterAll(() => h.close());

  /** A daily series of four with Ada invited; the organizer's master, its occurrences and Ada's master copy. */
  async function series(subject: string): Promise<{ master: EtaggedEvent; occurrences: EtaggedEvent[]; adaMaster: EtaggedEvent }> {
    const master: EtaggedEvent = await h.client.api(`${organizer}/events`).post({
      subject,
      start: { dateTime: `${day}T07:00:00`, timeZone: 'UTC' },
      end: { dateTime: `${day}T07:30:00`, timeZone: 'UTC' },
      attendees: [attendee('ada@contoso.com')],
      recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: day, numberOfOccurrences: 4 } },
    });
    const occurrences = (await h.client.api(`${organizer}/events/${master.id}/instances`).query(window).get()).value as EtaggedEvent[];
    const adaEvents = (await h.client.api(`${ada}/events`).top(100).get()).value as EtaggedEvent[];
    const adaMaster = adaEvents.find((e) => e.iCalUId === master.iCalUId) as EtaggedEvent;
    expect(occurrences).toHaveLength(4);
    expect(adaMaster.type).toBe('seriesMaster');
    return { master, occurrences, adaMaster };
  }

  const patchWithEtag = (path: string, etag: string, body: object) => h.client.api(path).header('If-Match', etag).patch(body);

  it('answers a stale If-Match on the master with 412 after an occurrence is edited, for organizer and attendee copy', async () => {
    const { master, occurrences, adaMaster } = await series('Edited occurrence');
    await h.client
      .api(`${organizer}/events/${occurrences[1]?.id}`)
      .patch({ subject: 'Edited occurrence (moved room)', location: { displayName: 'Room Atlas' } });

    const stale = await graphError(patchWithEtag(`${organizer}/events/${master.id}`, master['@odata.etag'], { categories: ['Customer'] }));
    expect(stale.statusCode).toBe(412);
    expect(stale.code).toBe('ErrorIrresolvableConflict');
    const staleCopy = await graphError(patchWithEtag(`${ada}/events/${adaMaster.id}`, adaMaster['@odata.etag'], { categories: ['Ada colour'] }));
    expect(staleCopy.statusCode).toBe(412);

    const fresh: EtaggedEvent = await h.client.api(`${organizer}/events/${master.id}`).get();
    expect(fresh.changeKey).not.toBe(master.changeKey);
    const written: EtaggedEvent = await patchWithEtag(`${organizer}/events/${master.id}`, fresh['@odata.etag'], { categories: ['Customer'] });
    expect(written.categories).toEqual(['Customer']);
  });

  it('answers a stale If-Match on the master with 412 after an occurrence is deleted, for organizer and attendee copy', async () => {
    const { master, occurrences, adaMaster } = await series('Deleted occurrence');
    await h.client.api(`${organizer}/events/${occurrences[2]?.id}`).delete();
    expect((await graphError(patchWithEtag(`${organizer}/events/${master.id}`, master['@odata.etag'], { categories: ['Customer'] }))).statusCode).toBe(412);
    expect((await graphError(patchWithEtag(`${ada}/events/${adaMaster.id}`, adaMaster['@odata.etag'], { categories: ['Ada colour'] }))).statusCode).toBe(412);
  });

  it('leaves the attendee copy alone when the organizer changes only their own categories on an occurrence', async () => {
    const { master, occurrences, adaMaster } = await series('Personal occurrence change');
    await h.client.api(`${organizer}/events/${occurrences[0]?.id}`).patch({ categories: ['Customer'] });
    expect((await h.client.api(`${organizer}/events/${master.id}`).get()).changeKey).not.toBe(master.changeKey);
    const copy: EtaggedEvent = await patchWithEtag(`${ada}/events/${adaMaster.id}`, adaMaster['@odata.etag'], { categories: ['Ada colour'] });
    expect(copy.categories).toEqual(['Ada colour']);
  });

  it('reports the master as changed in delta: its occurrences come back carrying the new changeKey', async () => {
    const { master, occurrences, adaMaster } = await series('Series in delta');
    const start = (user: string) => `${user}/calendarView/delta?${new URLSearchParams(window).toString()}`;
    const before = await deltaRound(h.client, start(organizer), 50);
    const adaBefore = await deltaRound(h.client, start(ada), 50);
    await h.client.api(`${organizer}/events/${occurrences[3]?.id}`).patch({
      subject: 'Last one, later',
      start: { dateTime: `${dayFromToday(5)}T09:00:00`, timeZone: 'UTC' },
      end: { dateTime: `${dayFromToday(5)}T09:30:00`, timeZone: 'UTC' },
    });

    const next = await deltaRound(h.client, before.deltaLink, 50);
    const masterNow: EtaggedEvent = await h.client.api(`${organizer}/events/${master.id}`).get();
    expect(masterNow.changeKey).not.toBe(master.changeKey);
    const plain = changed(next).filter((e) => e.seriesMasterId === master.id && e.type === 'occurrence');
    expect(plain.map((e) => e.id)).toEqual(occurrences.slice(0, 3).map((o) => o.id));
    expect(new Set(plain.map((e) => e['@odata.etag']))).toEqual(new Set([masterNow['@odata.etag']]));
    expect(changed(next).find((e) => e.id === occurrences[3]?.id)?.type).toBe('exception');

    const adaNext = await deltaRound(h.client, adaBefore.deltaLink, 50);
    const adaNow: EtaggedEvent = await h.client.api(`${ada}/events/${adaMaster.id}`).get();
    expect(adaNow.changeKey).not.toBe(adaMaster.changeKey);
    const adaPlain = changed(adaNext).filter((e) => e.seriesMasterId === adaMaster.id && e.type === 'occurrence');
    expect(adaPlain).toHaveLength(3);
    expect(new Set(adaPlain.map((e) => e['@odata.etag']))).toEqual(new Set([adaNow['@odata.etag']]));
  });
});

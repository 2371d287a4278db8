import type { Event } from '@microsoft/microsoft-graph-types';
import { deltaRound } from './support/delta';
import { startHarness, windowAroundNow, type SandboxHarness } from './support/sandbox-client';
import { attendee, singleEvent, smallTenant } from './support/factories';

const copyOf = async (h: SandboxHarness, upn: string, iCalUId: string): Promise<Event | undefined> => {
  const res = await h.client.api(`/users/${upn}/events`).top(100).get();
  return (res.value as Event[]).find((e) => e.iCalUId === iCalUId);
};

describe('graph sandbox: one copy of a meeting per mailbox', () => {
  let h: SandboxHarness;
  let meeting: Event;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
    meeting = await h.client.api('/users/olivia@contoso.com/events').post(
      singleEvent('Quarterly review', 48, {
        attendees: [
          attendee('ada@contoso.com'),
          attendee('bo@contoso.com', 'optional'),
          attendee('guest@fabrikam.com'),
          attendee('room.atlas@contoso.com', 'resource'),
        ],
        categories: ['Customer'],
        isOnlineMeeting: true,
        onlineMeetingProvider: 'teamsForBusiness',
      }),
    );
  });
  afterAll(() => h.close());

  it('gives each internal attendee a copy with its own id, no categories and notResponded', async () => {
    expect(meeting.isOrganizer).toBe(true);
    expect(meeting.responseStatus?.response).toBe('organizer');
    const ada = await copyOf(h, 'ada@contoso.com', meeting.iCalUId as string);
    const bo = await copyOf(h, 'bo@contoso.com', meeting.iCalUId as string);
    expect(ada && bo).toBeTruthy();
    expect(new Set([meeting.id, ada?.id, bo?.id]).size).toBe(3);
    expect(ada).toEqual(expect.objectContaining({ isOrganizer: false, categories: [], subject: 'Quarterly review', isOnlineMeeting: true }));
    expect(ada?.responseStatus?.response).toBe('notResponded');
    expect(ada?.organizer?.emailAddress?.address).toBe('olivia@contoso.com');
  });

  it('lets a room accept automatically and gives an external guest no copy', async () => {
    const room = await copyOf(h, 'room.atlas@contoso.com', meeting.iCalUId as string);
    expect(room?.responseStatus?.response).toBe('accepted');
    const users = (await h.client.api('/users').get()).value as Array<{ mail: string }>;
    expect(users.some((u) => u.mail === 'guest@fabrikam.com')).toBe(false);
  });

  it('keeps categories per copy: stamping one copy leaves the others alone', async () => {
    const ada = (await copyOf(h, 'ada@contoso.com', meeting.iCalUId as string)) as Event;
    await h.client.api(`/users/ada@contoso.com/events/${ada.id}`).patch({ categories: ['Ada colour'] });
    expect((await copyOf(h, 'bo@contoso.com', meeting.iCalUId as string))?.categories).toEqual([]);
    expect((await h.client.api(`/users/olivia@contoso.com/events/${meeting.id}`).get()).categories).toEqual(['Customer']);
  });

  it('propagates an organizer change to every attendee copy, keeping their categories', async () => {
    await h.client
      .api(`/users/olivia@contoso.com/events/${meeting.id}`)
      .patch({ subject: 'Quarterly review (moved)', location: { displayName: 'Room Atlas' } });
    const ada = await copyOf(h, 'ada@contoso.com', meeting.iCalUId as string);
    expect(ada?.subject).toBe('Quarterly review (moved)');
    expect(ada?.location?.displayName).toBe('Room Atlas');
    expect(ada?.categories).toEqual(['Ada colour']);
  });

  it('records an attendee answer on the attendee copy and in the organizer attendee list', async () => {
    const bo = (await copyOf(h, 'bo@contoso.com', meeting.iCalUId as string)) as Event;
    await h.client.api(`/users/bo@contoso.com/events/${bo.id}/tentativelyAccept`).post({ comment: 'maybe', sendResponse: true });
    expect((await copyOf(h, 'bo@contoso.com', meeting.iCalUId as string))?.responseStatus?.response).toBe('tentativelyAccepted');
    const organizer = await h.client.api(`/users/olivia@contoso.com/events/${meeting.id}`).get();
    expect(organizer.attendees.find((a: { emailAddress: { address: string } }) => a.emailAddress.address === 'bo@contoso.com')?.status.response).toBe(
      'tentativelyAccepted',
    );
  });

  it('adds and removes copies when the organizer changes the attendee list', async () => {
    const small = await h.client.api('/users/olivia@contoso.com/events').post(singleEvent('Pair', 72, { attendees: [attendee('ada@contoso.com')] }));
    expect(await copyOf(h, 'bo@contoso.com', small.iCalUId)).toBeUndefined();
    await h.client.api(`/users/olivia@contoso.com/events/${small.id}`).patch({ attendees: [attendee('bo@contoso.com')] });
    expect(await copyOf(h, 'bo@contoso.com', small.iCalUId)).toBeDefined();
    expect(await copyOf(h, 'ada@contoso.com', small.iCalUId)).toBeUndefined();
  });

  it('shows an organizer change in the attendee mailbox delta as an update of the attendee copy', async () => {
    const start = `/users/ada@contoso.com/calendarView/delta?${new URLSearchParams(windowAroundNow(1, 10)).toString()}`;
    const first = await deltaRound(h.client, start, 50);
    const adaCopy = first.items.find((e) => e.iCalUId === meeting.iCalUId);
    expect(adaCopy).toBeDefined();
    await h.client.api(`/users/olivia@contoso.com/events/${meeting.id}`).patch({ body: { contentType: 'text', content: 'New agenda' } });
    const next = await deltaRound(h.client, first.deltaLink, 50);
    expect(next.items.map((e) => e.id)).toEqual([adaCopy?.id]);
    expect(next.items[0]?.bodyPreview).toBe('New agenda');
  });

  it('marks attendee copies cancelled when the organizer deletes the meeting', async () => {
    const doomed = await h.client.api('/users/olivia@contoso.com/events').post(singleEvent('Doomed', 80, { attendees: [attendee('ada@contoso.com')] }));
    await h.client.api(`/users/olivia@contoso.com/events/${doomed.id}`).delete();
    const ada = await copyOf(h, 'ada@contoso.com', doomed.iCalUId);
    expect(ada?.isCancelled).toBe(true);
    expect(ada?.subject).toBe('Canceled: Doomed');
  });
});

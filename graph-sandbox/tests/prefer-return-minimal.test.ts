/** `Prefer: return=minimal` on an event PATCH: 204 No Content, the write applied; without it, 200 and the event. */
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { singleEvent, smallTenant } from './support/factories';

describe('graph sandbox: Prefer return=minimal', () => {
  let h: SandboxHarness;
  let id = '';
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
    id = (await h.client.api('/users/ada@contoso.com/events').post(singleEvent('Minimal'))).id;
  });
  afterAll(() => h.close());

  it('answers 204 without a body, says it applied the preference, and writes the change', async () => {
    const res = await h.raw('PATCH', `/v1.0/users/ada@contoso.com/events/${id}`, { body: { categories: ['Blue'] }, headers: { Prefer: 'return=minimal' } });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect(res.headers.get('preference-applied')).toBe('return=minimal');
    const event = await h.client.api(`/users/ada@contoso.com/events/${id}`).get();
    expect(event.categories).toEqual(['Blue']);
  });

  it('still checks If-Match first: a stale etag is a 412 with its error body', async () => {
    const res = await h.raw('PATCH', `/v1.0/users/ada@contoso.com/events/${id}`, {
      body: { categories: ['Red'] },
      headers: { Prefer: 'return=minimal', 'If-Match': 'W/"stale"' },
    });
    expect(res.status).toBe(412);
    expect(res.body.error.code).toBe('ErrorIrresolvableConflict');
  });

  it('is one preference among others in the header, and is honoured inside a $batch', async () => {
    const before = await h.client.api(`/users/ada@contoso.com/events/${id}`).get();
    const res = await h.raw('POST', '/v1.0/$batch', {
      body: {
        requests: [
          {
            id: '1',
            method: 'PATCH',
            url: `/users/ada@contoso.com/events/${id}`,
            headers: { 'Content-Type': 'application/json', Prefer: 'outlook.timezone="UTC", return=minimal', 'If-Match': before['@odata.etag'] },
            body: { categories: ['Green'] },
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    const [inner] = res.body.responses;
    expect(inner.status).toBe(204);
    expect(inner.body).toBeUndefined();
    expect((await h.client.api(`/users/ada@contoso.com/events/${id}`).get()).categories).toEqual(['Green']);
  });

  it('without the preference (or with return=representation) a PATCH answers 200 with the whole event', async () => {
    for (const headers of [{}, { Prefer: 'return=representation' }] as Array<Record<string, string>>) {
      const res = await h.raw('PATCH', `/v1.0/users/ada@contoso.com/events/${id}`, { body: { categories: [] }, headers });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, categories: [], subject: 'Minimal' });
    }
  });
});

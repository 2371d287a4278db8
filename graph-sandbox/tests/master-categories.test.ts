import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { smallTenant } from './support/factories';

describe('graph sandbox: master category list', () => {
  let h: SandboxHarness;
  const path = '/users/ada@contoso.com/outlook/masterCategories';
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
  });
  afterAll(() => h.close());

  it('creates (201), lists, recolours and deletes a category', async () => {
    const created = await h.client.api(path).post({ displayName: 'Project expenses', color: 'preset9' });
    expect(created).toEqual(expect.objectContaining({ id: expect.any(String), displayName: 'Project expenses', color: 'preset9' }));
    const list = await h.client.api(path).get();
    expect(list.value.map((c: { displayName: string }) => c.displayName)).toContain('Project expenses');
    const recoloured = await h.client.api(`${path}/${created.id}`).patch({ color: 'preset2' });
    expect(recoloured.color).toBe('preset2');
    const del = await h.raw('DELETE', `/v1.0${path}/${created.id}`);
    expect(del.status).toBe(204);
    expect((await h.raw('GET', `/v1.0${path}/${created.id}`)).status).toBe(404);
  });

  it('answers a duplicate displayName (case-insensitive) with 409', async () => {
    await h.client.api(path).post({ displayName: 'Billable', color: 'preset1' });
    const dup = await h.raw('POST', `/v1.0${path}`, { body: { displayName: 'billable', color: 'preset3' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('ErrorAlreadyExists');
  });

  it('keeps master lists per mailbox', async () => {
    await h.client.api('/users/bo@contoso.com/outlook/masterCategories').post({ displayName: 'Only Bo', color: 'preset5' });
    const ada = await h.client.api(path).get();
    expect(ada.value.some((c: { displayName: string }) => c.displayName === 'Only Bo')).toBe(false);
  });

  it('refuses renaming and unknown colours', async () => {
    const c = await h.client.api(path).post({ displayName: 'Fixed name', color: 'preset0' });
    expect((await h.raw('PATCH', `/v1.0${path}/${c.id}`, { body: { displayName: 'Other name' } })).status).toBe(400);
    expect((await h.raw('PATCH', `/v1.0${path}/${c.id}`, { body: { color: 'preset25' } })).status).toBe(400);
  });
});

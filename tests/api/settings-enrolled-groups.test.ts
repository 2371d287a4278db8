/**
 * Enrolled groups and the category policy in the tenant settings (issue #16): validated, groups stored once each in
 * lower case, both kept when a body leaves them out.
 */
import { SETTINGS_LIMITS } from '../../shared/limits';
import { auditWords } from '../../shared/audit-words';
import { startTestApi, type TestApi } from '../support/app';
import { STORE_KINDS } from '../support/stores';

const SALES = '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';
const base = { internalDomains: ['contoso.com'], enrolledMailboxes: ['alice@contoso.com'], syncWindowDays: { past: 14, future: 90 }, orgRulesLocked: false };

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(kind);
  });
  afterEach(() => api.close());

  test('saved lower-case and once each; a body without them keeps them; an empty list clears them', async () => {
    const admin = await api.as('adminA');
    const saved = await admin
      .put('/api/settings')
      .set('If-Match', '"default"')
      .send({ ...base, enrolledGroups: [SALES.toUpperCase(), SALES] })
      .expect(200);
    expect(saved.body.enrolledGroups).toEqual([SALES]);
    const kept = await admin
      .put('/api/settings')
      .set('If-Match', saved.headers.etag!)
      .send({ ...base, orgRulesLocked: true })
      .expect(200);
    expect(kept.body.enrolledGroups).toEqual([SALES]);
    const cleared = await admin
      .put('/api/settings')
      .set('If-Match', kept.headers.etag!)
      .send({ ...base, enrolledGroups: [] })
      .expect(200);
    expect(cleared.body.enrolledGroups).toEqual([]);
  });

  test('an id that is not a GUID, or too many, is refused at the field and nothing is saved', async () => {
    const admin = await api.as('adminA');
    const notGuid = await admin
      .put('/api/settings')
      .set('If-Match', '"default"')
      .send({ ...base, enrolledGroups: ['Sales'] })
      .expect(400);
    expect(notGuid.body.details).toEqual([expect.objectContaining({ path: 'enrolledGroups[0]' })]);
    const many = Array.from({ length: SETTINGS_LIMITS.enrolledGroupsMax + 1 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    await admin
      .put('/api/settings')
      .set('If-Match', '"default"')
      .send({ ...base, enrolledGroups: many })
      .expect(400);
    expect((await admin.get('/api/settings').expect(200)).body.etag).toBe('"default"');
  });

  test('the audit keeps the groups, and the pane words the change as a count, not ids', async () => {
    const admin = await api.as('adminA');
    await admin
      .put('/api/settings')
      .set('If-Match', '"default"')
      .send({ ...base, enrolledGroups: [SALES] })
      .expect(200);
    const [entry] = (await admin.get('/api/audit?scope=settings').expect(200)).body.items;
    expect(entry.after.enrolledGroups).toEqual([SALES]);
    expect(auditWords(entry).changes).toContainEqual({ what: 'Groups kept in sync', before: 'none', after: '1 group' });
  });

  test('categoryPolicy is enforce until an admin says allow; a body without it keeps it; anything else is refused', async () => {
    const admin = await api.as('adminA');
    expect((await admin.get('/api/settings').expect(200)).body.categoryPolicy).toBe('enforce');
    const allow = await admin
      .put('/api/settings')
      .set('If-Match', '"default"')
      .send({ ...base, categoryPolicy: 'allow' })
      .expect(200);
    expect(allow.body.categoryPolicy).toBe('allow');
    const kept = await admin.put('/api/settings').set('If-Match', allow.headers.etag!).send(base).expect(200);
    expect(kept.body.categoryPolicy).toBe('allow');
    const refused = await admin
      .put('/api/settings')
      .set('If-Match', kept.headers.etag!)
      .send({ ...base, categoryPolicy: 'sometimes' })
      .expect(400);
    expect(refused.body.details).toEqual([expect.objectContaining({ path: 'categoryPolicy' })]);
  });
});

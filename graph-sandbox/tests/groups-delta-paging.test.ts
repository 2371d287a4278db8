/**
 * `/groups/delta` pages: a group with more members than a page holds comes back on consecutive pages, its
 * `members@delta` split across them, and a client that applies every page (and every later round) ends with the
 * directory's direct memberships (src/group-delta.ts).
 */
import { startHarness, type SandboxHarness } from './support/sandbox-client';

interface GroupEntry {
  id: string;
  'members@delta'?: Array<{ id: string; '@removed'?: unknown }>;
  '@removed'?: unknown;
}

const relative = (link: string): string => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};

describe('graph sandbox: /groups/delta pages', () => {
  let h: SandboxHarness;
  let big: string;
  const smalls: string[] = [];
  const people: string[] = [];
  /** What a client built from the rounds so far: group id → direct member ids. */
  const mirror = new Map<string, Set<string>>();

  /** Follows a round to its deltaLink, applying each page to the mirror; returns the ids listed on each page. */
  async function round(path: string): Promise<{ pages: string[][]; deltaLink: string }> {
    const pages: string[][] = [];
    for (let next: string | undefined = path; next;) {
      const res = await h.raw('GET', next);
      expect(res.status).toBe(200);
      const value = res.body.value as GroupEntry[];
      pages.push(value.map((g) => g.id));
      for (const g of value) {
        if (g['@removed']) {
          mirror.delete(g.id);
          continue;
        }
        const members = mirror.get(g.id) ?? new Set<string>();
        mirror.set(g.id, members);
        for (const m of g['members@delta'] ?? []) {
          if (m['@removed']) members.delete(m.id);
          else members.add(m.id);
        }
      }
      if (res.body['@odata.deltaLink']) return { pages, deltaLink: relative(res.body['@odata.deltaLink']) };
      next = relative(res.body['@odata.nextLink']);
    }
    throw new Error('a round ended without a deltaLink');
  }
  const directory = () => new Map(h.sandbox.groups.list().map((g) => [g.id, new Set(g.members)]));
  const person = (i: number) => h.sandbox.groups.addUserWithoutMailbox({ userPrincipalName: `p${i}@contoso.com`, displayName: `Person ${i}` }).id;

  beforeAll(async () => {
    h = await startHarness({ directory: { groupDeltaGroupsPerPage: 2, groupDeltaMembersPerPage: 20 } });
    for (let i = 0; i < 80; i++) people.push(person(i));
    big = h.sandbox.groups.create({ displayName: 'Everyone', members: people.slice(0, 45) }).id;
    for (let i = 0; i < 3; i++) smalls.push(h.sandbox.groups.create({ displayName: `Team ${i}`, members: [people[50 + i] as string] }).id);
  });
  afterAll(() => h.close());
  afterEach(() => h.sandbox.directory.configure({ groupDeltaGroupsPerPage: 2, groupDeltaMembersPerPage: 20 }));

  it('splits a large group across consecutive pages, then a later round does the same with its changes', async () => {
    const first = await round('/v1.0/groups/delta?$select=members');
    // 45 members at 20 a page: the group is on pages 1–3, then Team 0 fills page 3, Teams 1–2 make page 4.
    expect(first.pages).toEqual([[big], [big], [big, smalls[0]], [smalls[1], smalls[2]]]);
    expect(mirror).toEqual(directory());
    expect([...(mirror.get(big) ?? [])]).toEqual(people.slice(0, 45));

    for (const p of people.slice(45, 70)) h.sandbox.groups.addMember(big, p);
    h.sandbox.groups.removeMember(big, people[0] as string);
    h.sandbox.groups.removeMember(big, people[1] as string);
    h.sandbox.groups.addMember(smalls[2] as string, people[0] as string);
    const second = await round(first.deltaLink);
    // 27 member entries for Everyone: 20 then 7, Team 2 after it.
    expect(second.pages).toEqual([[big], [big, smalls[2]]]);
    expect(mirror).toEqual(directory());
    const third = await round(second.deltaLink);
    expect(third.pages).toEqual([[]]);
  });

  it('a round is computed as of its first request: a change between its pages waits for the next round', async () => {
    await round('/v1.0/groups/delta?$select=members');
    const page1 = await h.raw('GET', '/v1.0/groups/delta?$select=members');
    h.sandbox.groups.addMember(smalls[0] as string, people[79] as string);
    const rest = await round(relative(page1.body['@odata.nextLink']));
    // The pages after the change still describe the directory before it.
    expect(mirror.get(smalls[0] as string)?.has(people[79] as string)).toBe(false);
    const next = await round(rest.deltaLink);
    expect(next.pages).toEqual([[smalls[0]]]);
    expect(mirror).toEqual(directory());
  });

  it('without members in $select, pages count groups only; page sizes change at runtime', async () => {
    expect((await round('/v1.0/groups/delta?$select=displayName')).pages).toEqual([
      [big, smalls[0]],
      [smalls[1], smalls[2]],
    ]);
    const patched = await h.raw('PATCH', '/_sandbox/directory', { body: { groupDeltaGroupsPerPage: 10, groupDeltaMembersPerPage: 30 } });
    expect(patched.body).toMatchObject({ groupDeltaGroupsPerPage: 10, groupDeltaMembersPerPage: 30 });
    const entries = h.sandbox.groups.list().reduce((n, g) => n + g.members.size, 0);
    const pages = (await round('/v1.0/groups/delta?$select=members')).pages;
    expect(pages).toHaveLength(Math.ceil(entries / 30));
    expect(pages.flat().filter((id) => id !== big)).toEqual(smalls);
  });
});

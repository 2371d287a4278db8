/** graphOwnerIds: one lookup per mailbox, cached; transient failures retried; a 404 is not; failures not cached. */
import type { Client } from '@microsoft/microsoft-graph-client';
import { graphOwnerIds } from '../../server/sync/owner-ids';

const fast = { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 2, random: () => 0.5 };

/** A client whose `/users/{upn}` answers come from a script, one per call. */
function scriptedClient(answers: Array<{ id: string } | { statusCode: number }>): { client: Client; calls: string[] } {
  const calls: string[] = [];
  const client = {
    api: (url: string) => ({
      select: () => ({
        get: async () => {
          calls.push(url);
          const next = answers.shift();
          if (!next) throw new Error('no scripted answer left');
          if ('statusCode' in next) throw Object.assign(new Error(`status ${next.statusCode}`), next);
          return next;
        },
      }),
    }),
  } as unknown as Client;
  return { client, calls };
}

const T = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const OID = '0a000000-0000-4000-8000-0000000000a1';

test('a reset connection and a 503 are retried; the id is then cached per mailbox', async () => {
  const { client, calls } = scriptedClient([{ statusCode: -1 }, { statusCode: 503 }, { id: OID.toUpperCase() }]);
  const ownerOf = graphOwnerIds(client, fast);
  expect(await ownerOf(T, 'Ada@contoso.com')).toBe(OID);
  expect(await ownerOf(T, 'ada@CONTOSO.com')).toBe(OID);
  expect(calls).toHaveLength(3);
});

test('an object id is its own owner, without a lookup', async () => {
  const { client, calls } = scriptedClient([]);
  expect(await graphOwnerIds(client, fast)(T, OID)).toBe(OID);
  expect(calls).toEqual([]);
});

test('a 404 fails at once and is not remembered: the next round asks again', async () => {
  const { client, calls } = scriptedClient([{ statusCode: 404 }, { id: OID }]);
  const ownerOf = graphOwnerIds(client, fast);
  await expect(ownerOf(T, 'gone@contoso.com')).rejects.toMatchObject({ statusCode: 404 });
  expect(calls).toHaveLength(1);
  expect(await ownerOf(T, 'gone@contoso.com')).toBe(OID);
});

test('retries are bounded: four transient failures fail the lookup', async () => {
  const { client, calls } = scriptedClient([{ statusCode: -1 }, { statusCode: -1 }, { statusCode: 429 }, { statusCode: 502 }, { id: OID }]);
  await expect(graphOwnerIds(client, fast)(T, 'ada@contoso.com')).rejects.toMatchObject({ statusCode: 502 });
  expect(calls).toHaveLength(4);
});

/** Every user of the tenant (`GET /users`, following nextLinks), for settings that enrol 'all' mailboxes. */
import type { Client } from '@microsoft/microsoft-graph-client';
import { readTransitiveMembers } from './transitive-members';
import type { TenantSettings } from '../store/types';

/** A user as enrolment reads the directory: the address a mailbox is addressed by, and its object id. */
export interface DirectoryUser {
  /** The mailbox's address (mail), lower-case. */
  address: string;
  /** The Entra object id (lower-case): the owner of the user's personal rules. */
  id: string;
}

/**
 * Users with a mailbox only: /users also lists people without an Exchange mailbox (`mail: null`), whose calendar
 * requests Graph answers 404 MailboxNotEnabledForRESTAPI (MicrosoftDocs/azure-docs#85666) — enrolling them under
 * 'all' would fill the status with rounds that can never succeed and spend seats on them.
 */
export async function listDirectoryUsers(client: Client): Promise<DirectoryUser[]> {
  const out: DirectoryUser[] = [];
  let page = (await client.api('/users').select('id,mail').top(999).get()) as {
    value?: Array<{ id?: string; mail?: string | null }>;
    '@odata.nextLink'?: string;
  };
  for (;;) {
    for (const u of page.value ?? []) {
      if (u.mail && u.id) out.push({ address: u.mail.toLowerCase(), id: u.id.toLowerCase() });
    }
    const next = page['@odata.nextLink'];
    if (!next) return out;
    page = (await client.api(next).get()) as typeof page;
  }
}

/**
 * The members of an Entra group with a mailbox, transitively (nested groups' members too; Graph flattens and
 * de-duplicates; paging, headers and a gone group: transitive-members.ts). A member without `mail` has no Exchange
 * mailbox to colour.
 */
export async function listGroupMembers(client: Client, groupId: string): Promise<DirectoryUser[]> {
  return (await readGroupMembers(client, groupId)).members;
}

/** listGroupMembers with the requests it took (the group tracker weighs a listing against a delta check). */
export async function readGroupMembers(client: Client, groupId: string): Promise<{ members: DirectoryUser[]; requests: number }> {
  // 1,000 pages is a million members.
  const { items, requests } = await readTransitiveMembers<{ id?: string; mail?: string | null }>(client, groupId, 'user', 'id,mail', 1000);
  const members = items.flatMap((u) => (u.mail && u.id ? [{ address: u.mail.toLowerCase(), id: u.id.toLowerCase() }] : []));
  return { members, requests };
}

/** The addresses alone (the CLI and the inbox resync, which list once). */
export async function listGraphUsers(client: Client): Promise<string[]> {
  return (await listDirectoryUsers(client)).map((u) => u.address);
}

/** Text safe inside a quoted `$search` clause: a double quote or backslash would end it, so they become spaces. */
export const searchText = (text: string): string => text.replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim();

export interface DirectoryPerson {
  displayName: string;
  /** The mailbox address (mail), lower-case: what enrolment and the rounds address a mailbox by. */
  address: string;
}

/**
 * People whose display name or mail address has a word starting with `text` (Graph's `$search` on directory
 * objects tokenises and prefix-matches). `$search` on /users is an advanced query: Graph refuses it (400) without
 * `ConsistencyLevel: eventual` — https://learn.microsoft.com/graph/search-query-parameter#using-search-on-directory-object-collections
 * and https://learn.microsoft.com/graph/aad-advanced-queries. A double quote or backslash would end the quoted
 * clause, so they are dropped from the text.
 */
export async function searchGraphUsers(client: Client, text: string, limit: number): Promise<DirectoryPerson[]> {
  const term = searchText(text);
  if (!term) return [];
  const page = (await client
    .api('/users')
    .header('ConsistencyLevel', 'eventual')
    .search(`"displayName:${term}" OR "mail:${term}"`)
    .select('id,displayName,mail')
    .top(limit)
    .get()) as { value?: Array<{ displayName?: string | null; mail?: string | null }> };
  const out: DirectoryPerson[] = [];
  for (const u of page.value ?? []) {
    // Someone without a mailbox (no mail) has no calendar to colour: not offered for enrolment.
    const address = (u.mail ?? '').toLowerCase();
    if (address) out.push({ displayName: u.displayName || address, address });
  }
  return out.slice(0, limit);
}

/**
 * A tenant's enrolled mailboxes for a one-off run (the CLI, a parked resync), listed now through its own client:
 * 'all' the directory, else the named list and the enrolled groups' members. The scheduler keeps its listings
 * between ticks and caps them to the seats (sync-scheduler.ts).
 */
export async function listEnrolledMailboxes(
  client: Client,
  settings: Pick<TenantSettings, 'enrolledMailboxes' | 'enrolledGroups'> | undefined,
): Promise<string[]> {
  const enrolled = settings?.enrolledMailboxes ?? [];
  if (enrolled === 'all') return listGraphUsers(client);
  const out = new Set(enrolled);
  for (const groupId of settings?.enrolledGroups ?? []) for (const member of await listGroupMembers(client, groupId)) out.add(member.address);
  return [...out];
}

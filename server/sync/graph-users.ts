/** Every user of the tenant (`GET /users`, following nextLinks), for settings that enrol 'all' mailboxes. */
import type { Client } from '@microsoft/microsoft-graph-client';

/** A user as enrolment reads the directory: the address a mailbox is addressed by, and its object id. */
export interface DirectoryUser {
  /** mail, else the user principal name, lower-case. */
  address: string;
  /** The Entra object id (lower-case): the owner of the user's personal rules. */
  id: string;
}

export async function listDirectoryUsers(client: Client): Promise<DirectoryUser[]> {
  const out: DirectoryUser[] = [];
  let page = (await client.api('/users').select('id,userPrincipalName,mail').top(999).get()) as {
    value?: Array<{ id?: string; userPrincipalName?: string; mail?: string | null }>;
    '@odata.nextLink'?: string;
  };
  for (;;) {
    for (const u of page.value ?? []) {
      const name = u.mail || u.userPrincipalName;
      if (name && u.id) out.push({ address: name.toLowerCase(), id: u.id.toLowerCase() });
    }
    const next = page['@odata.nextLink'];
    if (!next) return out;
    page = (await client.api(next).get()) as typeof page;
  }
}

/** The addresses alone (the CLI and the inbox resync, which list once). */
export async function listGraphUsers(client: Client): Promise<string[]> {
  return (await listDirectoryUsers(client)).map((u) => u.address);
}

export interface DirectoryPerson {
  displayName: string;
  /** mail, else the user principal name, lower-case: what enrolment and the rounds address a mailbox by. */
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
  const term = text.replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!term) return [];
  const page = (await client
    .api('/users')
    .header('ConsistencyLevel', 'eventual')
    .search(`"displayName:${term}" OR "mail:${term}"`)
    .select('id,displayName,userPrincipalName,mail')
    .top(limit)
    .get()) as { value?: Array<{ displayName?: string | null; userPrincipalName?: string; mail?: string | null }> };
  const out: DirectoryPerson[] = [];
  for (const u of page.value ?? []) {
    const address = (u.mail || u.userPrincipalName || '').toLowerCase();
    if (address) out.push({ displayName: u.displayName || address, address });
  }
  return out.slice(0, limit);
}

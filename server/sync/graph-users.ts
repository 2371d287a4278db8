/** Every user of the tenant (`GET /users`, following nextLinks), for settings that enrol 'all' mailboxes. */
import type { Client } from '@microsoft/microsoft-graph-client';

export async function listGraphUsers(client: Client): Promise<string[]> {
  const out: string[] = [];
  let page = (await client.api('/users').select('id,userPrincipalName,mail').top(999).get()) as { value?: Array<{ userPrincipalName?: string; mail?: string | null }>; '@odata.nextLink'?: string };
  for (;;) {
    for (const u of page.value ?? []) {
      const name = u.mail || u.userPrincipalName;
      if (name) out.push(name.toLowerCase());
    }
    const next = page['@odata.nextLink'];
    if (!next) return out;
    page = (await client.api(next).get()) as typeof page;
  }
}

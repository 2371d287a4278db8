/**
 * bench:day's end-of-day check: each event the day's changes touched is read back from Graph as a client reads
 * it (in its mailbox's time zone), the day's final rules are evaluated on it with the shared engine, and the
 * rules' categories on the event must be exactly the ones that match. Events outside the sync window are not
 * CalSync's to stamp and are skipped.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { categoryKey, fromGraphEvent } from '../../../shared';
import type { Stores } from '../../../server/store/types';
import { roundConfig, windowBounds } from '../../../server/sync/round-config';

export interface CategoryCheck {
  checked: number;
  /** Events whose rule categories differ from the rules' match, with both (for the failure message). */
  wrong: Array<{ upn: string; eventId: string; expected: string[]; actual: string[] }>;
}

export async function checkCategories(
  client: Client,
  stores: Stores,
  tenantId: string,
  events: Array<{ upn: string; eventId: string }>,
  now: Date,
): Promise<CategoryCheck> {
  const rules = await stores.rules.listAll({ tenantId, scope: 'org' });
  const settings = await stores.settings.get(tenantId);
  const effective = { rules, settings: { internalDomains: settings?.internalDomains ?? [], syncWindowDays: settings?.syncWindowDays } };
  const byMailbox = new Map<string, string[]>();
  for (const e of events) byMailbox.set(e.upn, [...(byMailbox.get(e.upn) ?? []), e.eventId]);
  const result: CategoryCheck = { checked: 0, wrong: [] };
  const mailboxes = [...byMailbox.entries()];
  // Eight mailboxes at a time, one request each at a time: well inside Graph's 4 per mailbox.
  await Promise.all(
    Array.from({ length: 8 }, async (_, lane) => {
      for (let i = lane; i < mailboxes.length; i += 8) {
        const [upn, ids] = mailboxes[i]!;
        const path = `/users/${encodeURIComponent(upn)}`;
        const timeZone = ((await client.api(`${path}/mailboxSettings/timeZone`).get()) as { value?: string }).value || 'UTC';
        const config = roundConfig(effective, upn.toLowerCase(), now);
        const managed = new Set(config.wanted.map((w) => categoryKey(w.name)));
        const window = windowBounds(config.window, now);
        for (const id of ids) {
          const event = await client
            .api(`${path}/events/${encodeURIComponent(id)}`)
            .header('Prefer', `outlook.timezone="${timeZone}"`)
            .get();
          const startMs = Date.parse(`${event.start.dateTime}Z`);
          if (startMs < window.start.getTime() - 86_400_000 || startMs > window.end.getTime()) continue;
          const expected = config.ruleSet
            .categoriesFor(fromGraphEvent(event, { mailbox: upn.toLowerCase(), timeZone }))
            .map(categoryKey)
            .sort();
          const actual = ((event.categories ?? []) as string[])
            .map(categoryKey)
            .filter((k) => managed.has(k))
            .sort();
          result.checked++;
          if (expected.join('\n') !== actual.join('\n')) result.wrong.push({ upn, eventId: id, expected, actual });
        }
      }
    }),
  );
  return result;
}

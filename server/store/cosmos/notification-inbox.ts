/**
 * The notification inbox in Cosmos DB (container partitioned by /tenantId); see ../notification-inbox.ts.
 * The item id is derived from the entry, so parking the same mailbox again is one idempotent upsert. The
 * drain (`pending`) is a cross-partition query: bookkeeping over every tenant, like the renewal scan. The
 * version is the item's _etag (every upsert changes it); remove deletes only that version (If-Match).
 */
import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { inboxKey, type InboxEntry, type NotificationInbox, type ParkedEntry } from '../notification-inbox';
import { cosmosCall, statusOf, stripSystem } from './util';

export const NOTIFICATION_INBOX_CONTAINER = 'notificationInbox';

interface InboxItem extends InboxEntry {
  id: string;
  parkedAtMs: number;
}

const itemId = (e: InboxEntry): string => `inbox_${createHash('sha256').update(inboxKey(e)).digest('base64url').slice(0, 43)}`;

export class CosmosNotificationInbox implements NotificationInbox {
  constructor(
    private readonly container: Container,
    private readonly now: () => number = Date.now,
  ) {}

  async add(entries: InboxEntry[]): Promise<void> {
    for (const e of entries) {
      await cosmosCall('inbox entry', async () => {
        // Parked again: keep the first parking time (its place in line); the upsert still changes the _etag.
        const existing = await this.container.item(itemId(e), e.tenantId).read<InboxItem>();
        const item: InboxItem = {
          id: itemId(e),
          tenantId: e.tenantId,
          mailboxId: e.mailboxId,
          full: e.full,
          parkedAtMs: existing.resource?.parkedAtMs ?? this.now(),
        };
        await this.container.items.upsert(item);
      });
    }
  }

  async pending(limit: number): Promise<ParkedEntry[]> {
    const { resources } = await cosmosCall('inbox entry', () =>
      this.container.items
        .query<Record<string, unknown>>({ query: 'SELECT TOP @limit * FROM c ORDER BY c.parkedAtMs', parameters: [{ name: '@limit', value: limit }] })
        .fetchAll(),
    );
    return resources.map((r) => {
      const { doc, etag } = stripSystem<InboxItem>(r);
      return { tenantId: doc.tenantId, mailboxId: doc.mailboxId, full: doc.full, version: etag };
    });
  }

  async remove(entry: ParkedEntry): Promise<void> {
    await cosmosCall('inbox entry', async () => {
      try {
        await this.container.item(itemId(entry), entry.tenantId).delete({ accessCondition: { type: 'IfMatch', condition: entry.version } });
      } catch (err) {
        // 404: another instance drained it; 412: parked again since it was read — the next drain takes it.
        if (statusOf(err) !== 404 && statusOf(err) !== 412) throw err;
      }
    });
  }
}

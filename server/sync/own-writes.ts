/**
 * The change keys CalSync's own stamp writes produced, so the change notification each write causes needs no
 * round. Graph's notifications for Outlook resources carry the item's `id` and `@odata.etag` in resourceData
 * (https://learn.microsoft.com/graph/api/resources/resourcedata), and an event's etag is W/"<changeKey>" (the
 * example response of https://learn.microsoft.com/graph/api/group-update-event shows both). A notification for an
 * event whose etag is the change key our PATCH just got back is that PATCH's echo; any later change — a person's
 * edit, a move — gives the event a new change key, and its notification still queues a round.
 *
 * Kept in memory by the process that hosts both the notification handler and the workers (sync-runtime.ts), in one
 * LRU bounded in entries and age: an echo that arrives after its entry went costs a round, as before, never a
 * missed change. A PATCH answered 204 (`Prefer: return=minimal`) carries no change key, so rounds ask for the
 * written event back (200) while this is enabled.
 */
import { LRUCache } from 'lru-cache';

export interface OwnWritesOptions {
  /** Writes remembered at once, across mailboxes (default 100,000). */
  maxEntries?: number;
  /** How long a write is remembered (default 1 hour: Graph delivers within minutes, retries included). */
  ttlMs?: number;
}

/** The change key inside an etag: W/"<changeKey>" (or the quoted key alone); undefined for anything else. */
export function changeKeyOfEtag(etag: unknown): string | undefined {
  if (typeof etag !== 'string') return undefined;
  const match = /^(?:W\/)?"([^"]+)"$/.exec(etag.trim());
  return match?.[1];
}

const key = (tenantId: string, mailboxId: string, eventId: string): string => `${tenantId}\n${mailboxId.toLowerCase()}\n${eventId}`;

export class OwnWrites {
  /** Off until the process takes change notifications: then rounds ask for change keys and remember them. */
  enabled = false;
  private readonly written: LRUCache<string, string>;

  constructor(options: OwnWritesOptions = {}) {
    this.written = new LRUCache({ max: options.maxEntries ?? 100_000, ttl: options.ttlMs ?? 3_600_000 });
  }

  remember(tenantId: string, mailboxId: string, eventId: string, changeKey: string): void {
    this.written.set(key(tenantId, mailboxId, eventId), changeKey);
  }

  /** Whether a change notification's resourceData names an event as CalSync's last write to it left it. */
  isEcho(tenantId: string, mailboxId: string, resourceData: unknown): boolean {
    const data = (resourceData && typeof resourceData === 'object' ? resourceData : {}) as Record<string, unknown>;
    if (typeof data.id !== 'string') return false;
    const changeKey = changeKeyOfEtag(data['@odata.etag']);
    return changeKey !== undefined && this.written.get(key(tenantId, mailboxId, data.id)) === changeKey;
  }
}

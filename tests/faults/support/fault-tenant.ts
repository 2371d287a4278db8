/**
 * The tenant the fault suite syncs: a small generated team (seeded, so two sandboxes hold the same events), some
 * categories a person set by hand, and rules stored the way the Rules API stores them: org rules plus one
 * personal rule owned by a user's object id (the worker must map the UPN to it). Events are compared across
 * sandboxes by a key made of what the generator decides (ids are random per sandbox).
 */
import { parseStampRecord, STAMP_PROPERTY_ID, type Rule } from '../../../shared';
import { startGraphSandbox, type GraphSandbox } from '../../../graph-sandbox/src/index';
import { updateEvent } from '../../../graph-sandbox/src/event-writes';
import { findInstance } from '../../../graph-sandbox/src/instances';
import type { StoredEvent } from '../../../graph-sandbox/src/model';
import { openSqliteStores } from '../../../server/store/sqlite';
import { rule } from '../../sync/support/team';

export const MAILBOXES = 4;
export const EVENTS_PER_MAILBOX = 100;
/** The personal rule's owner (by UPN here; stored under the sandbox's object id for this user). */
export const PERSONAL_OWNER = 'user0001@contoso.com';

const orgRules = (): Rule[] => [
  rule('r_customer', 'Customer', 'preset4', { field: 'subject', op: 'contains', value: 'customer' }, 1),
  rule('r_review', 'Review', 'preset7', { field: 'subject', op: 'contains', value: 'review' }, 2),
  rule('r_online', 'Online', 'preset5', { field: 'isOnlineMeeting', op: 'is', value: true }, 3),
  rule('r_series', 'Series', 'preset8', { field: 'isRecurring', op: 'is', value: true }, 4),
];
const personalRule = (): Rule => rule('r_focus', 'Focus', 'preset1', { field: 'subject', op: 'contains', value: 'focus' }, 1);

/** Mailbox, organizer, subject and start: unique per event, and the same in every sandbox seeded alike. */
export const eventKey = (e: StoredEvent): string => `${e.organizer.address.toLowerCase()}|${e.subject}|${e.start.dateTime}`;

/** A sandbox holding the generated team (faults and limits as given) with the hand-set categories applied. */
export async function startFaultSandbox(seed: number, options: Parameters<typeof startGraphSandbox>[0] = {}): Promise<GraphSandbox> {
  const sandbox = await startGraphSandbox({ ...options, scenario: { generate: { mailboxes: MAILBOXES, eventsPerMailbox: EVENTS_PER_MAILBOX, seed } } });
  setManualCategories(sandbox);
  return sandbox;
}

/**
 * A person's own categories, set before the sync starts: on every fifth event (by key), "Personal" and, on every
 * tenth, "Customer" — a rule's category on an event that rule may not match. CalSync never stamped either, so
 * neither may ever be removed. (The generator already puts "Red/Blue/Green category" on a fifth of the events.)
 */
function setManualCategories(sandbox: GraphSandbox): void {
  for (const mailbox of sandbox.store.mailboxes()) {
    const events = [...mailbox.events.values()].sort((a, b) => eventKey(a).localeCompare(eventKey(b)));
    events.forEach((event, i) => {
      if (i % 5 !== 0) return;
      const added = i % 10 === 0 ? ['Personal', 'Customer'] : ['Personal'];
      const categories = [...new Set([...event.categories, ...added])];
      updateEvent(sandbox.store, findInstance(mailbox.events, event.id)!, { categories }, undefined);
    });
  }
}

export interface EventState {
  categories: string[];
  stamped: string[];
}

/** Every top-level event's categories and CalSync record, per mailbox and event key. */
export function tenantState(sandbox: GraphSandbox): Record<string, Record<string, EventState>> {
  const out: Record<string, Record<string, EventState>> = {};
  for (const mailbox of sandbox.store.mailboxes()) {
    const per: Record<string, EventState> = {};
    for (const e of mailbox.events.values()) {
      if (per[eventKey(e)]) throw new Error(`two events of ${mailbox.userPrincipalName} share the key ${eventKey(e)}`);
      per[eventKey(e)] = { categories: [...e.categories].sort(), stamped: [...parseStampRecord(e.extendedProperties.get(STAMP_PROPERTY_ID)).stamped].sort() };
    }
    out[mailbox.userPrincipalName] = per;
  }
  return out;
}

/** Categories an event had before the sync (a person's, since CalSync had stamped nothing) and no longer has. */
export function lostCategories(before: Record<string, Record<string, EventState>>, after: Record<string, Record<string, EventState>>): string[] {
  const lost: string[] = [];
  for (const [mailbox, events] of Object.entries(before)) {
    for (const [key, e] of Object.entries(events)) {
      const now = new Set(after[mailbox]?.[key]?.categories ?? []);
      for (const c of e.categories) if (!now.has(c)) lost.push(`${mailbox} ${key}: ${c}`);
    }
  }
  return lost;
}

/** PATCHes the sandbox counted, per mailbox and event key (every PATCH that reached the event, 412s included). */
export function patchesByKey(sandbox: GraphSandbox): Record<string, Record<string, number>> {
  const snapshot = sandbox.accounting.snapshot();
  const out: Record<string, Record<string, number>> = {};
  for (const mailbox of sandbox.store.mailboxes()) {
    const counts = snapshot.byMailbox[mailbox.userPrincipalName.toLowerCase()]?.patchesByEventId ?? {};
    const per: Record<string, number> = {};
    for (const [id, n] of Object.entries(counts)) {
      const event = mailbox.events.get(id);
      if (!event) throw new Error(`a PATCH for an event that is not a top-level event of ${mailbox.userPrincipalName}`);
      per[eventKey(event)] = n;
    }
    out[mailbox.userPrincipalName] = per;
  }
  return out;
}

/** Every PATCH the sandbox has counted so far, all mailboxes. */
export const patchTotal = (sandbox: GraphSandbox): number =>
  Object.values(sandbox.accounting.snapshot().byMailbox).reduce((n, m) => n + Object.values(m.patchesByEventId).reduce((a, b) => a + b, 0), 0);

/** The event key of a Graph id in a mailbox (the sync state's pending ids are Graph ids). */
export function keyOfId(sandbox: GraphSandbox, upn: string, id: string): string | undefined {
  const event = sandbox.store.mailbox(upn).events.get(id);
  return event ? eventKey(event) : undefined;
}

/** Rules and settings in a SQLite file, as the Rules API would have stored them; every mailbox enrolled. */
export async function seedRulesStore(dbPath: string, sandbox: GraphSandbox): Promise<void> {
  const stores = openSqliteStores({ path: dbPath });
  try {
    const tenantId = sandbox.tenantId;
    const at = new Date().toISOString();
    const enrolled = sandbox.store.mailboxes().map((m) => m.userPrincipalName.toLowerCase());
    await stores.settings.put(
      {
        tenantId,
        internalDomains: ['contoso.com'],
        enrolledMailboxes: enrolled,
        syncWindowDays: { past: 30, future: 365 },
        orgRulesLocked: false,
        updatedAt: at,
        updatedBy: 'test',
      },
      null,
    );
    const stamp = { tenantId, createdAt: at, createdBy: 'test', updatedAt: at, updatedBy: 'test' };
    for (const r of orgRules()) await stores.rules.create({ ...r, ...stamp, scope: 'org', ownerId: null });
    const owner = sandbox.store.mailbox(PERSONAL_OWNER).id.toLowerCase();
    await stores.rules.create({ ...personalRule(), ...stamp, scope: 'personal', ownerId: owner });
  } finally {
    await stores.close();
  }
}

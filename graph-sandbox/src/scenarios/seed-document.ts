import { readFileSync } from 'node:fs';
import type { CategoryColor, Event, ResponseType } from '@microsoft/microsoft-graph-types';
import { z } from 'zod';
import { parseEventInput } from '../event-input';
import { createEvent, deleteEvent, respond, updateEvent } from '../event-writes';
import { occurrenceId } from '../ids';
import { findInstance } from '../instances';
import type { SandboxStore } from '../store';

/** A scenario as JSON: users, then events in Graph's own event shape, created by their organizer. */
export interface SeedDocument {
  users: Array<{
    userPrincipalName: string;
    displayName: string;
    timeZone?: string;
    jobTitle?: string;
    isResource?: boolean;
    masterCategories?: Array<{ displayName: string; color: CategoryColor }>;
  }>;
  events?: SeedEvent[];
  /** Directory users without a mailbox (Graph lists them with `mail: null`); members of groups, never of meetings. */
  directoryUsers?: Array<{ id?: string; userPrincipalName: string; displayName: string }>;
  /**
   * Entra groups. `members` name users by UPN or object id and groups by id or by the displayName of a group of
   * this document; every group is created before members are added, so nesting may point forward or form a cycle.
   */
  groups?: Array<{ id?: string; tenantId?: string; displayName: string; mail?: string; description?: string; members?: string[] }>;
}

export interface SeedEvent extends Omit<Event, 'organizer'> {
  /** UPN of the organizer's mailbox; the event is created there and copied to attendee mailboxes. */
  organizer: string;
  /** Answers of attendee mailboxes, by UPN. */
  responses?: Record<string, ResponseType>;
  /** Categories set on an attendee's own copy, by UPN. */
  attendeeCategories?: Record<string, string[]>;
  /** Changes to single occurrences of a series, addressed by original local start 'YYYY-MM-DDTHH:mm:ss'. */
  exceptions?: Array<{ originalStart: string; cancelled?: boolean; patch?: Partial<Event> }>;
}

const seedSchema = z.object({
  users: z.array(
    z.object({
      userPrincipalName: z.string().min(3),
      displayName: z.string().min(1),
      timeZone: z.string().optional(),
      jobTitle: z.string().optional(),
      isResource: z.boolean().optional(),
      masterCategories: z.array(z.object({ displayName: z.string(), color: z.string() })).optional(),
    }),
  ),
  events: z.array(z.object({ organizer: z.string(), subject: z.string().optional() }).loose()).optional(),
  directoryUsers: z.array(z.object({ id: z.string().optional(), userPrincipalName: z.string().min(3), displayName: z.string().min(1) })).optional(),
  groups: z
    .array(
      z.object({
        id: z.string().optional(),
        tenantId: z.string().optional(),
        displayName: z.string().min(1),
        mail: z.string().optional(),
        description: z.string().optional(),
        members: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});

export function readSeedFile(path: string): SeedDocument {
  const parsed = seedSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`invalid seed file ${path}: ${parsed.error.message}`);
  return parsed.data as SeedDocument;
}

export function applySeedDocument(store: SandboxStore, doc: SeedDocument): void {
  for (const user of doc.users) {
    if (store.findMailbox(user.userPrincipalName)) continue;
    store.addMailbox({ ...user, masterCategories: user.masterCategories ?? [] });
  }
  applyDirectory(store, doc);
  for (const seed of doc.events ?? []) {
    const { organizer, responses, attendeeCategories, exceptions, ...graphEvent } = seed;
    const mailbox = store.mailbox(organizer);
    const event = createEvent(store, mailbox, parseEventInput(graphEvent));
    for (const ex of exceptions ?? []) {
      const instance = findInstance(mailbox.events, occurrenceId(event.id, ex.originalStart));
      if (!instance) throw new Error(`seed: ${seed.subject ?? ''} has no occurrence at ${ex.originalStart}`);
      if (ex.cancelled) deleteEvent(store, mailbox, instance);
      else updateEvent(store, instance, parseEventInput(ex.patch ?? {}), undefined);
    }
    for (const [upn, response] of Object.entries(responses ?? {})) {
      const copy = store.mailbox(upn).eventsByICalUId.get(event.iCalUId);
      if (copy) respond(store, findInstance(store.mailbox(upn).events, copy.id) as NonNullable<ReturnType<typeof findInstance>>, response);
    }
    for (const [upn, categories] of Object.entries(attendeeCategories ?? {})) {
      const copy = store.mailbox(upn).eventsByICalUId.get(event.iCalUId);
      if (copy) copy.categories = categories;
    }
  }
}

/** Users without a mailbox, then the groups, then their members (so a member may be any group of the document). */
function applyDirectory(store: SandboxStore, doc: SeedDocument): void {
  for (const user of doc.directoryUsers ?? []) {
    if (!store.groups.find(user.userPrincipalName)) store.groups.addDirectoryUser(user);
  }
  const created = new Map<string, string>();
  for (const g of doc.groups ?? []) {
    const { members: _members, ...group } = g;
    const existing = g.id ? store.groups.group(g.id) : undefined;
    created.set(g.displayName.toLowerCase(), (existing ?? store.groups.createGroup(group)).id);
  }
  for (const g of doc.groups ?? []) {
    const id = created.get(g.displayName.toLowerCase()) as string;
    for (const member of g.members ?? []) store.groups.addMember(id, created.get(member.toLowerCase()) ?? member);
  }
}

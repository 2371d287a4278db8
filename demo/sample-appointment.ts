/**
 * The appointment the demo's Outlook stand-in has open: one of the person's own upcoming meetings from the
 * sandbox, chosen to show rules at work — a meeting with people outside Contoso if there is one, else a 1:1,
 * else any meeting with others, else anything. It is read fresh at each page load, so its categories are
 * whatever the background sync has stamped by then. The shape is what the Outlook host shim reads.
 */
import { DEMO_DOMAIN } from './demo-identities';
import { renderInstance } from '../graph-sandbox/src/event-render';
import { eventInstances, type EventInstance } from '../graph-sandbox/src/instances';
import type { SandboxStore } from '../graph-sandbox/src/store';
import { categoryViews, type CategoryView } from './category-colours';

export interface ShimPerson {
  emailAddress: string;
  displayName: string;
}

export interface SampleAppointment {
  id: string;
  subject: string;
  location: string;
  body: string;
  /** ISO instants. */
  start: string;
  end: string;
  organizer: ShimPerson;
  requiredAttendees: ShimPerson[];
  optionalAttendees: ShimPerson[];
  categories: string[];
  /** The categories with their colours, for the host page's drawing of the appointment. */
  categoryViews: CategoryView[];
  me: string;
  myName: string;
  timeZone: string;
  /** Office.js spelling of the master list (`Preset0`, not Graph's `preset0`). */
  masterCategories: Array<{ displayName: string; color: string }>;
}

const dayMs = 86_400_000;

function interest(instance: EventInstance, me: string): number {
  const others = instance.record.attendees.filter((a) => a.type !== 'resource' && a.emailAddress?.address?.toLowerCase() !== me);
  const people = new Set([instance.record.organizer.address.toLowerCase(), ...others.map((a) => (a.emailAddress?.address ?? '').toLowerCase())]);
  people.delete(me);
  if ([...people].some((address) => !address.endsWith(`@${DEMO_DOMAIN}`))) return 3;
  if (people.size === 1) return 2;
  return people.size > 1 ? 1 : 0;
}

export function sampleAppointment(store: SandboxStore, upn: string, now: Date = new Date()): SampleAppointment | null {
  const mailbox = store.findMailbox(upn);
  if (!mailbox) return null;
  const me = mailbox.userPrincipalName.toLowerCase();
  const from = now.getTime() - dayMs;
  const candidates: EventInstance[] = [];
  for (const event of mailbox.events.values()) {
    if (event.isCancelled || event.isAllDay || event.responseStatus.response === 'declined') continue;
    candidates.push(...eventInstances(event, from, from + 15 * dayMs));
  }
  if (candidates.length === 0) return null;
  const best = candidates.reduce((a, b) => {
    const d = interest(b, me) - interest(a, me);
    return d > 0 || (d === 0 && b.startMs < a.startMs) ? b : a;
  });
  const rendered = renderInstance(best, { timeZone: mailbox.timeZone });
  const person = (a: { emailAddress?: { address?: string | null; name?: string | null } | null }): ShimPerson => ({
    emailAddress: a.emailAddress?.address ?? '',
    displayName: a.emailAddress?.name ?? a.emailAddress?.address ?? '',
  });
  const attendees = rendered.attendees ?? [];
  const categories = rendered.categories ?? [];
  return {
    id: best.id,
    subject: rendered.subject ?? '',
    location: rendered.location?.displayName ?? '',
    body: rendered.bodyPreview ?? '',
    start: new Date(best.startMs).toISOString(),
    end: new Date(best.endMs).toISOString(),
    organizer: person(rendered.organizer ?? {}),
    requiredAttendees: attendees.filter((a) => a.type === 'required').map(person),
    optionalAttendees: attendees.filter((a) => a.type === 'optional').map(person),
    categories,
    categoryViews: categoryViews(mailbox, categories),
    me: mailbox.userPrincipalName,
    myName: mailbox.displayName,
    timeZone: mailbox.timeZone,
    masterCategories: [...mailbox.masterCategories.values()].map((c) => ({ displayName: c.displayName, color: c.color.replace(/^preset/, 'Preset') })),
  };
}

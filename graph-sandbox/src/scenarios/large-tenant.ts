import type { Attendee, CategoryColor, PatternedRecurrence } from '@microsoft/microsoft-graph-types';
import type { EventInput } from '../event-input';
import { createEvent } from '../event-writes';
import { createPrng } from '../prng';
import type { SandboxStore } from '../store';

export interface LargeTenantOptions {
  mailboxes: number;
  /** Events each mailbox organizes; meetings add copies to attendee mailboxes on top. */
  eventsPerMailbox: number;
  seed?: number;
  /** First day of the generated range, 'YYYY-MM-DD'; default: 14 days before today (UTC). */
  startDate?: string;
  days?: number;
  /** Share of events that invite 1–2 other generated mailboxes (default 0.1). */
  meetingShare?: number;
  /** Share of events that are weekly series (default 0.03). */
  recurringShare?: number;
  domain?: string;
  /** mailboxSettings.timeZone of mailbox i is timeZones[i % length]; default MIXED_MAILBOX_ZONES. */
  timeZones?: readonly string[];
}

/**
 * Windows names (Graph's default format for mailboxSettings.timeZone) mixed with IANA ones (the format an admin can
 * choose instead): https://learn.microsoft.com/en-us/graph/api/user-get-mailboxsettings. The first stays UTC.
 */
export const MIXED_MAILBOX_ZONES: readonly string[] = [
  'UTC',
  'Pacific Standard Time',
  'Europe/Berlin',
  'W. Europe Standard Time',
  'America/New_York',
  'GMT Standard Time',
  'Asia/Tokyo',
  'India Standard Time',
];

const subjects = ['Project sync', 'Customer call', 'Design review', 'Planning', 'Focus time', 'Lunch', 'Interview', 'Training', 'Retro', 'Budget review'];
const categories = ['Red category', 'Blue category', 'Green category'];
const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

/**
 * A seeded tenant for benchmarks: `mailboxes × eventsPerMailbox` events in UTC over `days` days, the mailboxes in
 * a mix of Windows and IANA zones.
 * Events go straight into the store (no HTTP), so 50 × 2,000 takes a second or two.
 */
export function generateLargeTenant(store: SandboxStore, options: LargeTenantOptions): { upns: string[] } {
  const prng = createPrng(options.seed ?? 42);
  const domain = options.domain ?? 'contoso.com';
  const spanDays = options.days ?? 28;
  const start = options.startDate ?? new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10);
  const startMs = Date.parse(`${start}T00:00:00Z`);
  const upns: string[] = [];
  const zones = options.timeZones ?? MIXED_MAILBOX_ZONES;
  for (let m = 0; m < options.mailboxes; m++) {
    const upn = `user${String(m + 1).padStart(4, '0')}@${domain}`;
    upns.push(upn);
    if (!store.findMailbox(upn)) {
      store.addMailbox({
        userPrincipalName: upn,
        displayName: `User ${m + 1}`,
        timeZone: zones[m % zones.length] as string,
        masterCategories: categories.map((displayName, i) => ({ displayName, color: `preset${i}` as CategoryColor })),
      });
    }
  }
  const fmt = (ms: number): string => new Date(ms).toISOString().slice(0, 19);
  for (let m = 0; m < options.mailboxes; m++) {
    const mailbox = store.mailbox(upns[m] as string);
    for (let e = 0; e < options.eventsPerMailbox; e++) {
      const day = prng.int(0, spanDays);
      const slot = prng.int(16, 38); // 08:00–18:30 in half hours
      const begin = startMs + day * 86_400_000 + slot * 1_800_000;
      const end = begin + prng.int(1, 5) * 1_800_000;
      const input: EventInput = {
        subject: `${prng.pick(subjects)} #${e + 1}`,
        body: { contentType: 'text', content: '' },
        start: { dateTime: fmt(begin), timeZone: 'UTC' },
        end: { dateTime: fmt(end), timeZone: 'UTC' },
        showAs: 'busy',
      };
      if (prng.chance(0.2)) input.categories = [prng.pick(categories)];
      if (options.mailboxes > 1 && prng.chance(options.meetingShare ?? 0.1)) {
        const attendees: Attendee[] = [];
        for (let a = 0; a < prng.int(1, 3); a++) {
          const other = upns[prng.int(0, options.mailboxes)] as string;
          if (other !== mailbox.userPrincipalName && !attendees.some((x) => x.emailAddress?.address === other)) {
            attendees.push({ type: 'required', emailAddress: { address: other, name: other }, status: { response: 'none', time: '0001-01-01T00:00:00Z' } });
          }
        }
        input.attendees = attendees;
        input.isOnlineMeeting = prng.chance(0.5);
      } else if (prng.chance(options.recurringShare ?? 0.03)) {
        const recurrence: PatternedRecurrence = {
          pattern: { type: 'weekly', interval: 1, daysOfWeek: [prng.pick(days)], firstDayOfWeek: 'sunday' },
          range: { type: 'numbered', startDate: fmt(begin).slice(0, 10), numberOfOccurrences: prng.int(2, 8) },
        };
        input.recurrence = recurrence;
      }
      createEvent(store, mailbox, input);
    }
  }
  return { upns };
}

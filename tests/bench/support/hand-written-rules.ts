/**
 * The physical anchor for bench:rules: rule-workload.ts's 50 rules written by hand as plain JavaScript, the
 * way a developer would hard-code them for this one set — in the engine's order (org rules, then personal ones),
 * each field read once per event, lower-cased once, native regular expressions. Same answers as the engine (the bench counts any event where they differ).
 */
import type { CalendarEvent } from '../../../shared';
import { dayOfWeek, wallClockMinutes } from '../../../shared';
import { KEYWORDS } from './rule-workload';

const KEYWORD_CATEGORIES = KEYWORDS.map((k) => k[0]!.toUpperCase() + k.slice(1));
/** Keyword rules are 35–49 of the workload; 39, 44 and 49 are personal (i % 5 === 4). */
const ORG_KEYWORDS = [0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13];
const PERSONAL_KEYWORDS = [4, 9, 14];
const PARTNERS = new Set(['northwind.org', 'tailspin.io', 'adatum.net']);
const PARTNER_ORGANIZERS = new Set(['northwind.org', 'tailspin.io']);
const EXECS = new Set(['ceo@contoso.com', 'cfo@contoso.com']);
const PROJECT_CODE = /\bPRJ-[0-9]{3}\b/i;
const TICKET = /(JIRA|ADO)-[0-9]+/i;

export function handWrittenCategories(internalDomains: readonly string[]): (ev: CalendarEvent) => string[] {
  const internal = new Set(internalDomains.map((d) => d.toLowerCase()));
  const external = (domain: string) => domain !== '' && !internal.has(domain);
  return (ev) => {
    const out: string[] = [];
    const subject = ev.subject.toLowerCase();
    const location = ev.location.toLowerCase();
    const people = ev.attendees;
    const count = people.length;
    let hasExternal = ev.organizer !== null && external(ev.organizer.domain);
    let fabrikam = false;
    let partner = false;
    let exec = false;
    for (let i = 0; i < count; i++) {
      const p = people[i]!;
      if (!hasExternal && external(p.domain)) hasExternal = true;
      if (p.domain === 'fabrikam.com') fabrikam = true;
      if (PARTNERS.has(p.domain)) partner = true;
      if (EXECS.has(p.address)) exec = true;
    }
    const minutes = wallClockMinutes(ev.start);
    const day = dayOfWeek(ev.start);
    const categories = ev.categories.map((c) => c.toLowerCase());
    const organizerDomain = ev.organizer?.domain ?? '';
    const organizer = ev.organizer?.address ?? '';

    if (hasExternal && !subject.includes('lunch')) out.push('External');
    if (count === 1) out.push('1:1');
    if (count >= 8) out.push('Large meeting');
    if (ev.durationMinutes > 90) out.push('Long meeting');
    if (minutes < 540) out.push('Early');
    if (minutes >= 1050) out.push('Late');
    if (minutes >= 720 && minutes < 810) out.push('Lunchtime');
    if (day === 'friday') out.push('Friday');
    if (ev.showAs === 'oof') out.push('Out of office');
    if (ev.responseStatus === 'tentativelyAccepted') out.push('Tentative');
    if (ev.responseStatus === 'declined') out.push('Declined');
    if ((ev.responseStatus === 'none' || ev.responseStatus === 'notResponded') && !ev.isOrganizer) out.push('Needs reply');
    if (!ev.isOnlineMeeting && location !== '') out.push('In person');
    if (ev.isRecurring) out.push('Recurring');
    if (ev.isAllDay) out.push('All day');
    // "Private" stops evaluation: no later rule adds a category, personal ones included.
    if (ev.sensitivity === 'private' || ev.sensitivity === 'confidential') {
      out.push('Private');
      return out;
    }
    if (ev.isOrganizer) out.push('Organised by me');
    if (fabrikam) out.push('Fabrikam');
    if (partner) out.push('Partners');
    if (PARTNER_ORGANIZERS.has(organizerDomain)) out.push('From a partner');
    if (organizer === 'ceo@contoso.com') out.push('With CEO');
    if (PROJECT_CODE.test(ev.subject)) out.push('Project code');
    if (TICKET.test(ev.body)) out.push('Ticket');
    if (subject.startsWith('flight') || subject.startsWith('train') || location.includes('airport')) out.push('Travel');
    if (categories.includes('billable')) out.push('Billable');
    if (!categories.some((c) => c.includes('project'))) out.push('Not yet sorted');
    if (count === 0 && ev.showAs === 'busy') out.push('Focus');
    if (ev.showAs === 'free' || ev.showAs === 'workingElsewhere') out.push('Free time');
    for (const k of ORG_KEYWORDS) if (subject.includes(KEYWORDS[k]!)) out.push(KEYWORD_CATEGORIES[k]!);
    // Personal rules (every fifth of the workload) come after the org ones.
    if (ev.durationMinutes <= 15) out.push('Quick chat');
    if (day === 'saturday' || day === 'sunday') out.push('Weekend');
    if (ev.isOnlineMeeting && ev.onlineMeetingProvider === 'teamsForBusiness') out.push('Teams');
    if (ev.importance === 'high') out.push('Important');
    if (exec) out.push('Exec');
    if (location.startsWith('room')) out.push('Room booked');
    if (!hasExternal && subject.includes('review') && count > 4) out.push('Internal big review');
    for (const k of PERSONAL_KEYWORDS) if (subject.includes(KEYWORDS[k]!)) out.push(KEYWORD_CATEGORIES[k]!);
    return out;
  };
}

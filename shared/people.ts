import type { Person } from './event';

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at >= 0 ? address.slice(at + 1).toLowerCase() : '';
}

export function toPerson(address: string | null | undefined, name?: string | null): Person | null {
  const clean = (address ?? '').trim().toLowerCase();
  if (!clean) return null;
  return { address: clean, name: (name ?? '').trim(), domain: domainOf(clean) };
}

/** Distinct people, in order, leaving out the organizer (attendeeCount counts "people other than the organizer"). */
export function distinctPeople(people: Array<Person | null>, organizer: Person | null): Person[] {
  const seen = new Set<string>(organizer ? [organizer.address] : []);
  const out: Person[] = [];
  for (const p of people) {
    if (!p || seen.has(p.address)) continue;
    seen.add(p.address);
    out.push(p);
  }
  return out;
}

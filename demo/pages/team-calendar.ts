/**
 * The team calendar: one card per demo person with their working week, events drawn in the colour of their
 * first category (the mailbox's Outlook preset), polled every 2 s so a rule change shows within seconds.
 * "Before CalSync" draws the same events without the categories CalSync stamped (each event's stamp record
 * says which); the person's own categories stay.
 */
import type { CalendarEventView, PersonWeek, TeamWeek } from '../team-calendar-data';
import { el, initials, poll, textOn } from './page-kit';

const FIRST_HOUR = 8;
const LAST_HOUR = 18;
const HOUR_PX = 36;
const MIN_EVENT_PX = 15;
const POLL_MS = 2000;

type View = 'before' | 'after';
type ShownCategory = CalendarEventView['categories'][number];

const params = new URLSearchParams(location.search);
let week: string | null = params.get('week');
let view: View = params.get('view') === 'before' ? 'before' : 'after';
let data: TeamWeek | null = null;

const peopleRoot = document.getElementById('people') as HTMLElement;
const legendRoot = document.getElementById('legend') as HTMLElement;
const weekLabel = document.getElementById('week-label') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;

function shownCategories(event: CalendarEventView): ShownCategory[] {
  return view === 'after' ? event.categories : event.categories.filter((c) => !c.stamped);
}

function minutesOf(localDateTime: string): number {
  return Number(localDateTime.slice(11, 13)) * 60 + Number(localDateTime.slice(14, 16));
}

const dayName = (date: string, style: 'short' | 'long'): string =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    weekday: style,
    day: 'numeric',
    timeZone: 'UTC',
    ...(style === 'long' ? { month: 'long', year: 'numeric' } : {}),
  });

function todayIn(zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return parts.slice(0, 10);
}

/** Side-by-side columns for overlapping events: each event gets a lane and the lane count of its cluster. */
function lanes(events: CalendarEventView[]): Map<CalendarEventView, { lane: number; of: number }> {
  const out = new Map<CalendarEventView, { lane: number; of: number }>();
  let cluster: CalendarEventView[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -1;
  const close = (): void => {
    for (const e of cluster) out.set(e, { lane: out.get(e)?.lane ?? 0, of: laneEnds.length });
    cluster = [];
    laneEnds = [];
  };
  for (const event of events) {
    const start = minutesOf(event.start);
    const end = Math.max(minutesOf(event.end), start + (MIN_EVENT_PX / HOUR_PX) * 60);
    if (start >= clusterEnd) close();
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= start);
    if (lane < 0) lane = laneEnds.push(end) - 1;
    else laneEnds[lane] = end;
    out.set(event, { lane, of: 0 });
    cluster.push(event);
    clusterEnd = Math.max(clusterEnd, end);
  }
  close();
  return out;
}

function timeRange(event: CalendarEventView): string {
  return event.isAllDay ? 'All day' : `${event.start.slice(11, 16)}–${event.end.slice(11, 16)}`;
}

function eventBlock(event: CalendarEventView, tag: 'li' | 'div'): HTMLElement {
  const categories = shownCategories(event);
  const first = categories[0];
  const colour = first?.hex ?? null;
  const categoryText = categories.map((c) => c.name).join(' · ');
  const block = el(
    tag,
    {
      class: ['event', colour ? 'coloured' : 'plain', `show-${event.showAs}`, event.isCancelled ? 'cancelled' : ''].filter(Boolean).join(' '),
      'data-event-id': event.id,
      'data-category': first?.name ?? '',
      'data-stamped': String(categories.some((c) => c.stamped)),
      title: `${timeRange(event)}  ${event.subject}${categoryText ? `\nCategories: ${categoryText}` : ''}`,
    },
    el('span', { class: 'visually-hidden' }, `${timeRange(event)}, `),
    el('span', { class: 'subject' }, event.subject || '(no subject)'),
    categoryText ? el('span', { class: 'category' }, el('span', { class: 'visually-hidden' }, ', category '), categoryText) : null,
  );
  if (colour) {
    block.style.backgroundColor = colour;
    block.style.color = textOn(colour);
  }
  return block;
}

function dayColumn(person: PersonWeek, date: string, today: string): HTMLElement {
  const events = person.events.filter((e) => !e.isAllDay && e.start.slice(0, 10) === date);
  const placed = lanes(events);
  const list = el('ul', { class: `day-col${date === today ? ' today' : ''}`, 'aria-label': `${dayName(date, 'short')}, ${events.length} events` });
  list.style.height = `${(LAST_HOUR - FIRST_HOUR) * HOUR_PX}px`;
  for (const event of events) {
    const top = Math.max(0, ((minutesOf(event.start) - FIRST_HOUR * 60) / 60) * HOUR_PX);
    const bottom = Math.min((LAST_HOUR - FIRST_HOUR) * HOUR_PX, ((minutesOf(event.end) - FIRST_HOUR * 60) / 60) * HOUR_PX);
    const { lane, of } = placed.get(event) ?? { lane: 0, of: 1 };
    const block = eventBlock(event, 'li');
    const height = Math.max(MIN_EVENT_PX, bottom - top);
    block.style.top = `${Math.min(top, (LAST_HOUR - FIRST_HOUR) * HOUR_PX - MIN_EVENT_PX)}px`;
    block.style.height = `${height}px`;
    // Room for one line only: the category name is still read out, but not drawn.
    if (height < 2 * 13 + 2) block.classList.add('short');
    block.style.left = `calc(${(lane / of) * 100}% + 1px)`;
    block.style.width = `calc(${100 / of}% - 2px)`;
    list.append(block);
  }
  return list;
}

function allDayRow(person: PersonWeek, days: string[]): HTMLElement {
  const row = el('div', { class: 'allday-row' }, el('span', { class: 'hour-label' }, 'All day'));
  for (const date of days) {
    const cell = el('div', { class: 'allday-cell' });
    for (const event of person.events) {
      // All-day events end at midnight of the day after their last day.
      if (event.isAllDay && event.start.slice(0, 10) <= date && event.end.slice(0, 10) > date) cell.append(eventBlock(event, 'div'));
    }
    row.append(cell);
  }
  return row;
}

function personCard(person: PersonWeek, week: TeamWeek, today: string): HTMLElement {
  const id = `person-${person.upn.replace(/[^a-z0-9]/gi, '-')}`;
  const hours = el('div', { class: 'hour-labels', 'aria-hidden': 'true' });
  hours.style.height = `${(LAST_HOUR - FIRST_HOUR) * HOUR_PX}px`;
  for (let h = FIRST_HOUR; h < LAST_HOUR; h++) {
    const label = el('span', { class: 'hour-label' }, `${String(h).padStart(2, '0')}:00`);
    label.style.top = `${(h - FIRST_HOUR) * HOUR_PX}px`;
    hours.append(label);
  }
  const grid = el('div', { class: 'hours-grid' }, hours, ...week.days.map((d) => dayColumn(person, d, today)));
  grid.style.backgroundSize = `100% ${HOUR_PX}px`;
  const counted = person.events.filter((e) => shownCategories(e).length > 0).length;
  return el(
    'section',
    { class: 'person', 'aria-labelledby': id, 'data-upn': person.upn },
    el(
      'header',
      { class: 'person-head' },
      el('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(person.displayName)),
      el('div', {}, el('h2', { id }, person.displayName), el('p', { class: 'subtle' }, [person.jobTitle, person.timeZone].filter(Boolean).join(' · '))),
      el('span', { class: 'count' }, `${counted} of ${person.events.length} coloured`),
    ),
    el(
      'div',
      { class: 'day-heads', 'aria-hidden': 'true' },
      el('span'),
      ...week.days.map((d) => el('span', { class: d === today ? 'today' : '' }, dayName(d, 'short'))),
    ),
    allDayRow(person, week.days),
    grid,
  );
}

function renderLegend(week: TeamWeek): void {
  const seen = new Map<string, ShownCategory>();
  for (const person of week.people)
    for (const event of person.events) for (const c of shownCategories(event)) if (!seen.has(c.name.toLowerCase())) seen.set(c.name.toLowerCase(), c);
  const items = [...seen.values()].sort((a, b) => Number(b.stamped) - Number(a.stamped) || a.name.localeCompare(b.name));
  legendRoot.replaceChildren(
    el('span', { class: 'legend-title' }, view === 'after' ? 'Categories this week' : 'Categories before CalSync'),
    ...(items.length === 0
      ? [el('span', { class: 'subtle' }, 'none')]
      : items.map((c) => {
          const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
          if (c.hex) swatch.style.backgroundColor = c.hex;
          return el('span', { class: 'legend-item' }, swatch, c.name, c.stamped ? el('span', { class: 'by-calsync' }, 'by CalSync') : null);
        })),
  );
}

function render(): void {
  if (!data) return;
  const today = todayIn(data.timeZone);
  weekLabel.textContent = `Week of ${dayName(data.weekStart, 'long')} · Monday to Friday · times in ${data.timeZone}`;
  renderLegend(data);
  peopleRoot.replaceChildren(...data.people.map((p) => personCard(p, data as TeamWeek, today)));
  document.body.dataset.view = view;
}

function syncUrl(): void {
  const next = new URLSearchParams();
  if (week) next.set('week', week);
  if (view === 'before') next.set('view', 'before');
  const query = next.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

const poller = poll<TeamWeek>(
  () => `/demo/api/calendar${week ? `?week=${week}` : ''}`,
  POLL_MS,
  (next) => {
    data = next;
    render();
    status.textContent = `Live: checked every 2 seconds. Last change ${new Date().toLocaleTimeString('en-GB')}.`;
  },
  (message) => {
    status.textContent = `Cannot reach the demo server (${message}); retrying.`;
  },
);

function moveWeek(days: number | null): void {
  if (days === null) week = null;
  else {
    const base = data?.weekStart ?? new Date().toISOString().slice(0, 10);
    week = new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  }
  syncUrl();
  void poller.refresh();
}

document.getElementById('prev-week')?.addEventListener('click', () => moveWeek(-7));
document.getElementById('next-week')?.addEventListener('click', () => moveWeek(7));
document.getElementById('this-week')?.addEventListener('click', () => moveWeek(null));
for (const input of document.querySelectorAll<HTMLInputElement>('input[name="view"]')) {
  input.checked = input.value === view;
  input.addEventListener('change', () => {
    if (!input.checked) return;
    view = input.value === 'before' ? 'before' : 'after';
    syncUrl();
    render();
  });
}
void poller.refresh();

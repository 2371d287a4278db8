/**
 * The task pane host: a user switch (Megan the admin, Adele a user), a stand-in for Outlook's reading pane
 * showing the appointment the Outlook host shim has open, and the real task pane in a frame. Switching the
 * user reloads the pane as that person (`?user=` is what the demo account and the host shim read).
 */
import type { DemoAccount } from '../demo-identities';
import type { SampleAppointment } from '../sample-appointment';
import { el, initials, poll, textOn } from './page-kit';

const POLL_MS = 2000;

const frame = document.getElementById('taskpane') as HTMLIFrameElement;
const switcher = document.getElementById('user-switch') as HTMLFieldSetElement;
let user = new URLSearchParams(location.search).get('user');

function text(id: string, value: string): void {
  (document.getElementById(id) as HTMLElement).textContent = value;
}

function when(sample: SampleAppointment): string {
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: sample.timeZone, weekday: 'long', day: 'numeric', month: 'long' });
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: sample.timeZone, hour: '2-digit', minute: '2-digit' });
  const start = new Date(sample.start);
  return `${day.format(start)}, ${time.format(start)}–${time.format(new Date(sample.end))} (${sample.timeZone})`;
}

function renderSample(sample: SampleAppointment | null): void {
  const categories = document.getElementById('appointment-categories') as HTMLElement;
  const attendees = document.getElementById('appointment-attendees') as HTMLElement;
  if (!sample) {
    text('appointment-subject', 'No upcoming meeting in the sandbox');
    categories.replaceChildren();
    attendees.replaceChildren();
    return;
  }
  text('appointment-subject', sample.subject);
  text('appointment-when', when(sample));
  text('appointment-where', sample.location || '—');
  text('appointment-organizer', `${sample.organizer.displayName} <${sample.organizer.emailAddress}>`);
  text('appointment-body', sample.body);
  categories.replaceChildren(
    ...(sample.categoryViews.length === 0
      ? [el('span', { class: 'subtle' }, 'No categories yet')]
      : sample.categoryViews.map((c) => {
          const chip = el('span', { class: 'chip' }, c.name);
          if (c.hex) {
            chip.style.backgroundColor = c.hex;
            chip.style.color = textOn(c.hex);
          }
          return chip;
        })),
  );
  const everyone = [...sample.requiredAttendees.map((p) => ({ ...p, kind: 'required' })), ...sample.optionalAttendees.map((p) => ({ ...p, kind: 'optional' }))];
  attendees.replaceChildren(
    ...everyone.map((p) =>
      el(
        'li',
        {},
        el('span', { class: 'avatar small', 'aria-hidden': 'true' }, initials(p.displayName)),
        `${p.displayName}`,
        el('span', { class: 'subtle' }, ` ${p.emailAddress}${p.kind === 'optional' ? ' · optional' : ''}`),
      ),
    ),
  );
}

const sample = poll<{ sample: SampleAppointment | null }>(
  () => `/demo/api/sample?user=${encodeURIComponent(user ?? '')}`,
  POLL_MS,
  (data) => renderSample(data.sample),
  (message) => text('appointment-subject', `Cannot reach the demo server (${message})`),
);

function selectUser(key: string): void {
  user = key;
  history.replaceState(null, '', `?user=${encodeURIComponent(key)}`);
  frame.src = `/taskpane/taskpane.html?user=${encodeURIComponent(key)}`;
  void sample.refresh();
}

async function start(): Promise<void> {
  const res = await fetch('/demo/users', { cache: 'no-store' });
  const { default: fallback, users } = (await res.json()) as { default: string; users: DemoAccount[] };
  if (!user || !users.some((u) => u.key === user)) user = fallback;
  for (const account of users) {
    const input = el('input', { type: 'radio', name: 'user', id: `user-${account.key}`, value: account.key });
    input.checked = account.key === user;
    input.addEventListener('change', () => {
      if (input.checked) selectUser(account.key);
    });
    switcher.append(
      input,
      el('label', { for: `user-${account.key}` }, account.displayName, el('span', { class: 'role' }, account.role === 'admin' ? 'admin' : 'user')),
    );
  }
  selectUser(user);
}

void start();

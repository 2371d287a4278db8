/**
 * bench:day's Graph side: the sandbox with a generated tenant on a simulated clock, the day's changes applied to
 * it as people make them (new invitations, moves, responses, cancellations — the sandbox posts their change
 * notifications to CalSync as Graph does, its own PATCHes' included), and a trace of when each change was made
 * and when CalSync's writes landed. It runs in its own process for the bench (so its CPU is not CalSync's,
 * day-world-ipc.ts) and in-process for the machinery test.
 */
import type { ResponseType } from '@microsoft/microsoft-graph-types';
import { startGraphSandbox, type GraphSandbox, type SandboxCredential } from '../../../graph-sandbox/src/index';
import { createEvent, deleteEvent, respond, updateEvent } from '../../../graph-sandbox/src/event-writes';
import { findInstance } from '../../../graph-sandbox/src/instances';
import type { LocalTime, Mailbox, StoredEvent } from '../../../graph-sandbox/src/model';
import type { PlannedChange } from './day-plan';

export interface DayWorldOptions {
  mailboxes: number;
  eventsPerMailbox: number;
  seed: number;
  /** The simulated clock's first reading (epoch ms). */
  clockMs: number;
  /** Injected Graph latency per request (default 0). */
  latencyMs?: number;
}

export interface WorldReady {
  credential: SandboxCredential;
  baseUrl: string;
  tenantId: string;
  upns: string[];
}

/** Epoch ms with sub-ms resolution; comparable between the bench's two processes (same machine clock). */
export const wallNow = (): number => performance.timeOrigin + performance.now();

export interface Touch {
  mailboxId: string;
  eventId: string;
  at: number;
}

export interface StepTrace {
  /** Events the day's changes touched in this step (copies in other mailboxes included), with when. */
  touched: Touch[];
  /** CalSync's writes to events in this step, with when they landed. */
  landed: Touch[];
}

export interface GraphFigures {
  /** HTTP requests to Graph (token requests not counted). */
  roundTrips: number;
  /** Requests counted against mailboxes (a $batch's inner requests each count; Graph's per-mailbox quota). */
  quotaUnits: number;
  notificationsDelivered: number;
  notificationsFailed: number;
  throttled429: number;
}

const subjects = ['Customer call', 'Project sync', 'Design review', 'Customer workshop', 'Planning', 'Interview'];
const answers: readonly ResponseType[] = ['accepted', 'tentativelyAccepted', 'declined'];

const utcMs = (t: LocalTime): number => Date.parse(`${t.dateTime}Z`);
const utc = (ms: number): LocalTime => ({ dateTime: new Date(ms).toISOString().slice(0, 19), timeZone: 'UTC' });
const single = (e: StoredEvent): boolean => !e.recurrence && !e.isCancelled;
const choose = <T>(items: T[], p: number): T | undefined => items[Math.floor(p * items.length)];

export class DayWorld {
  private clockMs: number;
  private applying = false;
  private changes = 0;
  private trace: StepTrace = { touched: [], landed: [] };
  private readonly everTouched = new Map<string, Touch>();

  private constructor(
    readonly sandbox: GraphSandbox,
    clockMs: number,
  ) {
    this.clockMs = clockMs;
    sandbox.store.now = () => this.clockMs;
    sandbox.store.onChange((change) => {
      this.changes++;
      const touch = { mailboxId: change.mailboxId, eventId: change.eventId, at: wallNow() };
      if (this.applying) {
        this.trace.touched.push(touch);
        this.everTouched.set(`${change.mailboxId}/${change.eventId}`, touch);
      } else {
        this.trace.landed.push(touch);
      }
    });
  }

  static async start(options: DayWorldOptions): Promise<DayWorld> {
    const sandbox = await startGraphSandbox({
      scenario: { generate: { mailboxes: options.mailboxes, eventsPerMailbox: options.eventsPerMailbox, seed: options.seed } },
      faults: { latencyMs: options.latencyMs ?? 0, seed: options.seed },
      // One app reads every mailbox all day: the sandbox's budget per app and mailbox (10,000 per 10 min) is not the
      // point here, and Graph's real one is far above what a day at steady state asks for.
    });
    return new DayWorld(sandbox, options.clockMs);
  }

  ready(): WorldReady {
    return {
      credential: this.sandbox.credential,
      baseUrl: this.sandbox.baseUrl,
      tenantId: this.sandbox.tenantId,
      upns: this.sandbox.store.mailboxes().map((m) => m.userPrincipalName),
    };
  }

  setClock(ms: number): void {
    this.clockMs = ms;
  }

  /** Every change the sandbox has emitted so far (people's and CalSync's). */
  changeCount(): number {
    return this.changes;
  }

  /** Applies the changes as their people would make them; the number that found an event to change. */
  apply(changes: PlannedChange[]): number {
    const mailboxes = this.sandbox.store.mailboxes();
    let applied = 0;
    this.applying = true;
    try {
      for (const c of changes) if (this.applyOne(mailboxes, c)) applied++;
    } finally {
      this.applying = false;
    }
    return applied;
  }

  private applyOne(mailboxes: Mailbox[], c: PlannedChange): boolean {
    const store = this.sandbox.store;
    const mailbox = mailboxes[c.mailbox % mailboxes.length] as Mailbox;
    const events = [...mailbox.events.values()].filter(single);
    const inDays = (days: number) => Math.floor(this.clockMs / 86_400_000) * 86_400_000 + days * 86_400_000;
    if (c.kind === 'invitation' || (c.kind === 'response' && !events.some((e) => !e.isOrganizer))) {
      const others = mailboxes.filter((m) => m !== mailbox);
      const organizer = choose(others, c.pick) ?? mailbox;
      // 07:00–16:30 UTC, one to five days ahead, 30 to 120 minutes.
      const start = inDays(1 + Math.floor(c.pick * 5)) + (14 + Math.floor((c.pick * 997) % 20)) * 1_800_000;
      const attendees =
        organizer === mailbox ? [] : [{ type: 'required' as const, emailAddress: { address: mailbox.userPrincipalName, name: mailbox.displayName } }];
      createEvent(store, organizer, {
        subject: choose(subjects, (c.pick * 31) % 1) as string,
        body: { contentType: 'text', content: '' },
        start: utc(start),
        end: utc(start + (1 + Math.floor((c.pick * 7) % 4)) * 1_800_000),
        attendees,
        isOnlineMeeting: c.pick < 0.5,
      });
      return true;
    }
    if (c.kind === 'response') {
      const copy = choose(
        events.filter((e) => !e.isOrganizer),
        c.pick,
      ) as StoredEvent;
      respond(store, findInstance(mailbox.events, copy.id)!, answers[Math.floor((c.pick * 13) % 3)] as ResponseType);
      return true;
    }
    const own = events.filter((e) => e.isOrganizer);
    if (c.kind === 'cancellation') {
      // A meeting when there is one (its attendees' copies are cancelled too), else an appointment.
      const target =
        choose(
          own.filter((e) => e.attendees.length > 0),
          c.pick,
        ) ?? choose(own, c.pick);
      if (!target) return false;
      deleteEvent(store, mailbox, findInstance(mailbox.events, target.id)!);
      return true;
    }
    const target = choose(own, c.pick);
    if (!target) return false;
    // Earlier or later by 30 minutes to 3 hours, the duration kept.
    const shift = (Math.floor((c.pick * 1009) % 6) + 1) * 1_800_000 * (c.pick < 0.5 ? -1 : 1);
    const start = utcMs(target.start) + shift;
    updateEvent(store, findInstance(mailbox.events, target.id)!, { start: utc(start), end: utc(utcMs(target.end) + shift) }, undefined);
    return true;
  }

  /** Resolves when every change notification queued so far has been answered by CalSync (or given up). */
  settled(): Promise<void> {
    return this.sandbox.notificationsSettled();
  }

  /** settled(), then changeCount(): one call per wait while the day's driver settles a step. */
  async settledCount(): Promise<number> {
    await this.sandbox.notificationsSettled();
    return this.changes;
  }

  /** Moves the clock and applies the changes due (one call per simulated step); the number applied. */
  step(clockMs: number, changes: PlannedChange[]): number {
    this.setClock(clockMs);
    return changes.length > 0 ? this.apply(changes) : 0;
  }

  /** What happened since the last call. */
  takeTrace(): StepTrace {
    const trace = this.trace;
    this.trace = { touched: [], landed: [] };
    return trace;
  }

  /** Every event the day's changes touched that still exists: what the end-of-day check reads back. */
  touchedEvents(): Array<{ upn: string; eventId: string }> {
    const out: Array<{ upn: string; eventId: string }> = [];
    for (const t of this.everTouched.values()) {
      const mailbox = this.sandbox.store.findMailbox(t.mailboxId);
      if (mailbox?.events.has(t.eventId)) out.push({ upn: mailbox.userPrincipalName, eventId: t.eventId });
    }
    return out;
  }

  figures(): GraphFigures {
    const s = this.sandbox.accounting.snapshot();
    return {
      roundTrips: s.totalRequests - s.tokensIssued,
      quotaUnits: Object.values(s.byMailbox).reduce((n, m) => n + m.reads + m.writes, 0),
      notificationsDelivered: s.notificationsDelivered,
      notificationsFailed: s.notificationsFailed,
      throttled429: s.throttled429,
    };
  }

  resetFigures(): void {
    this.sandbox.accounting.reset();
  }

  stop(): Promise<void> {
    return this.sandbox.stop();
  }
}

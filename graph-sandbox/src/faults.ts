import { GraphError } from './graph-error';
import { createPrng, type Prng } from './prng';

export interface FaultSettings {
  /** Added to every HTTP request before it is handled (simulates network and service time). */
  latencyMs: number;
  /** Extra random latency, uniform in [0, latencyJitterMs), drawn from the seeded PRNG. */
  latencyJitterMs: number;
  /** Share of Graph requests answered 503 with Retry-After. */
  serviceUnavailableRate: number;
  serviceUnavailableRetryAfterSeconds: number;
  /** Share of Graph requests whose socket is destroyed without a response. */
  connectionResetRate: number;
  seed: number;
  /**
   * 0 = off. Otherwise a calendarView/delta round that has followed this many nextLinks gets the same page again,
   * under a new nextLink each time, and never a deltaLink: what Graph did in
   * https://github.com/microsoftgraph/msgraph-sdk-dotnet/issues/3082.
   */
  deltaLoopAfterPages: number;
}

export const defaultFaults: FaultSettings = {
  latencyMs: 0,
  latencyJitterMs: 0,
  serviceUnavailableRate: 0,
  serviceUnavailableRetryAfterSeconds: 1,
  connectionResetRate: 0,
  seed: 1,
  deltaLoopAfterPages: 0,
};

/** Which requests a scripted fault answers; every field left out matches anything. */
export interface FaultMatch {
  /** 'top': the HTTP request itself; 'inner': a request inside a $batch. */
  level?: 'top' | 'inner';
  method?: string;
  /** Tested against the path after `/v1.0` (`/$batch`, `/users/{id}/events/{id}`, …). */
  path?: RegExp;
}

/**
 * One answer Graph may give instead of serving a request, scripted so a test knows exactly what happens:
 * - `status`: 429 or 503 with or without Retry-After. Graph throttles the requests inside a $batch one by one
 *   (https://learn.microsoft.com/graph/throttling#throttling-and-batching) and does not always send Retry-After,
 *   in which case its guidance is exponential backoff
 *   (https://learn.microsoft.com/graph/throttling#best-practices-to-handle-throttling); values of minutes occur
 *   (https://learn.microsoft.com/en-us/answers/questions/648796/retry-after-header-upper-limit-or-range: 315 s).
 * - `reset`: the connection is dropped without an answer (top-level requests only).
 */
export type ScriptedFault = ({ kind: 'status'; status: 429 | 503; retryAfterSeconds?: number } | { kind: 'reset' }) & {
  match?: FaultMatch;
  /** How many matching requests it answers (default 1). */
  times?: number;
  /**
   * Instead of `times`: answers every Nth matching request until the script is cleared, a schedule spread over a
   * whole run that is certain to contain the fault once N requests have matched.
   */
  every?: number;
};

export interface FaultTarget {
  inner: boolean;
  method: string;
  path: string;
}

type Scripted = Exclude<FaultDecision, { kind: 'none' }>;

export type FaultDecision =
  { kind: 'none' } | { kind: '503'; retryAfterSeconds: number } | { kind: 'reset' } | { kind: 'status'; status: 429 | 503; retryAfterSeconds?: number };

/** Seeded fault injection: the same seed and request order give the same faults. */
export class FaultInjector {
  private settings: FaultSettings;
  private prng: Prng;

  constructor(settings: Partial<FaultSettings> = {}) {
    this.settings = { ...defaultFaults, ...settings };
    this.prng = createPrng(this.settings.seed);
  }

  /** Changes settings at runtime; a new seed restarts the PRNG sequence. */
  configure(settings: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...settings };
    if (settings.seed !== undefined) this.prng = createPrng(settings.seed);
  }

  /** Faults answered in order to the next matching requests, before any random one. */
  private readonly script: Array<{ fault: ScriptedFault; left: number; seen: number }> = [];

  /** Queues scripted faults (see ScriptedFault); they are used up in order, each by the requests it matches. */
  scriptFaults(...faults: ScriptedFault[]): void {
    for (const fault of faults) this.script.push({ fault, left: fault.every ? Infinity : (fault.times ?? 1), seen: 0 });
  }

  /** Counted faults not yet used (a test checks its script was played to the end); `every` ones never run out. */
  get scriptedLeft(): number {
    return this.script.reduce((n, s) => n + (s.fault.every ? 0 : s.left), 0);
  }

  clearScript(): void {
    this.script.length = 0;
  }

  /** The first scripted fault matching this request, used up by it; undefined when none matches. */
  takeScripted(target: FaultTarget): Scripted | undefined {
    const matches = (fault: ScriptedFault): boolean => {
      const m = fault.match ?? {};
      if (fault.kind === 'reset' && target.inner) return false;
      if (m.level && (m.level === 'inner') !== target.inner) return false;
      if (m.method && m.method.toUpperCase() !== target.method.toUpperCase()) return false;
      return !m.path || m.path.test(target.path);
    };
    let index = -1;
    this.script.forEach((entry, i) => {
      if (!matches(entry.fault)) return;
      // Every `every` entry counts every request it matches, whether or not an earlier entry answers it.
      const due = entry.fault.every ? ++entry.seen % entry.fault.every === 0 : true;
      if (due && index < 0) index = i;
    });
    if (index < 0) return undefined;
    const entry = this.script[index]!;
    if (--entry.left <= 0) this.script.splice(index, 1);
    const { fault } = entry;
    return fault.kind === 'reset'
      ? { kind: 'reset' }
      : { kind: 'status', status: fault.status, ...(fault.retryAfterSeconds !== undefined ? { retryAfterSeconds: fault.retryAfterSeconds } : {}) };
  }

  get current(): FaultSettings {
    return { ...this.settings };
  }

  latencyFor(): number {
    const { latencyMs, latencyJitterMs } = this.settings;
    return latencyMs + (latencyJitterMs > 0 ? this.prng.int(0, latencyJitterMs) : 0);
  }

  /** Draws the PRNG only when a fault rate is set, so enabling latency alone does not shift fault sequences. */
  decide(): FaultDecision {
    const { connectionResetRate, serviceUnavailableRate } = this.settings;
    if (connectionResetRate > 0 && this.prng.chance(connectionResetRate)) return { kind: 'reset' };
    if (serviceUnavailableRate > 0 && this.prng.chance(serviceUnavailableRate)) {
      return { kind: '503', retryAfterSeconds: this.settings.serviceUnavailableRetryAfterSeconds };
    }
    return { kind: 'none' };
  }
}

/** The Graph error a scripted status fault answers with; Retry-After only when the script gives one. */
export function scriptedStatusError(fault: Extract<FaultDecision, { kind: 'status' }>): GraphError {
  const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
  return fault.status === 429
    ? new GraphError(429, 'TooManyRequests', 'Too many requests. Please retry after some time.', headers)
    : new GraphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Please retry later.', headers);
}

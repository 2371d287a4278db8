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
}

export const defaultFaults: FaultSettings = {
  latencyMs: 0,
  latencyJitterMs: 0,
  serviceUnavailableRate: 0,
  serviceUnavailableRetryAfterSeconds: 1,
  connectionResetRate: 0,
  seed: 1,
};

export type FaultDecision = { kind: 'none' } | { kind: '503'; retryAfterSeconds: number } | { kind: 'reset' };

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

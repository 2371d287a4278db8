/**
 * How Graph judges a webhook endpoint, per https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#throttling
 * (microsoft-graph-docs-contrib, concepts/change-notifications-delivery-webhooks.md, "How Microsoft Graph handles
 * throttling"): deliveries use a 3-second HTTP timeout and a response taking over 2,900 ms is slow; once the endpoint
 * has received 100 notifications, the share of slow responses decides — 10 % flags the endpoint slow (its
 * notifications are delayed 10 minutes), 15 % or more drops them; the counts are flushed every 10 minutes. The page
 * does not say what state follows a flush; here the endpoint starts afresh ('normal') with the new window.
 */
export type EndpointState = 'normal' | 'slow' | 'drop';

export interface EndpointThrottling {
  /** A response slower than this is slow (Graph: 2,900 ms). A timed-out delivery is always slow. */
  slowResponseMs: number;
  /** Notifications the endpoint must have received in the window before it is judged (Graph: 100). */
  minNotifications: number;
  /** Share of slow responses that flags the endpoint slow (Graph: 0.10). */
  slowRatio: number;
  /** Share of slow responses at which its notifications are dropped (Graph: 0.15). */
  dropRatio: number;
  /** The counts are flushed this often (Graph: 10 minutes). */
  windowMs: number;
  /** How long a slow endpoint's notifications are held back (Graph: 10 minutes). */
  delayMs: number;
}

export const graphEndpointThrottling: EndpointThrottling = {
  slowResponseMs: 2_900,
  minNotifications: 100,
  slowRatio: 0.1,
  dropRatio: 0.15,
  windowMs: 600_000,
  delayMs: 600_000,
};

export interface EndpointReport {
  state: EndpointState;
  notifications: number;
  responses: number;
  slowResponses: number;
  /** Notifications not sent because the endpoint was in the drop state (Graph: "can't be recovered"). */
  dropped: number;
  /** Deliveries held back because the endpoint was slow. */
  delayed: number;
}

interface Window {
  startedAt: number;
  notifications: number;
  responses: number;
  slowResponses: number;
  dropped: number;
  delayed: number;
}

export class EndpointHealth {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly settings: () => EndpointThrottling,
    private readonly now: () => number,
  ) {}

  /** One delivery's outcome: how many notifications it carried and how long the answer took (undefined: none came). */
  record(url: string, notifications: number, elapsedMs: number | undefined): void {
    const w = this.window(url);
    w.notifications += notifications;
    w.responses += 1;
    if (elapsedMs === undefined || elapsedMs > this.settings().slowResponseMs) w.slowResponses += 1;
  }

  state(url: string): EndpointState {
    const w = this.window(url);
    const s = this.settings();
    if (w.notifications < s.minNotifications || w.responses === 0) return 'normal';
    const share = w.slowResponses / w.responses;
    return share >= s.dropRatio ? 'drop' : share >= s.slowRatio ? 'slow' : 'normal';
  }

  countDropped(url: string, notifications: number): void {
    this.window(url).dropped += notifications;
  }

  countDelayed(url: string): void {
    this.window(url).delayed += 1;
  }

  report(url: string): EndpointReport {
    const { notifications, responses, slowResponses, dropped, delayed } = this.window(url);
    return { state: this.state(url), notifications, responses, slowResponses, dropped, delayed };
  }

  private window(url: string): Window {
    const now = this.now();
    let w = this.windows.get(url);
    if (!w || now - w.startedAt >= this.settings().windowMs) {
      w = { startedAt: now, notifications: 0, responses: 0, slowResponses: 0, dropped: 0, delayed: 0 };
      this.windows.set(url, w);
    }
    return w;
  }
}

/**
 * Graph calls for one mailbox: every attempt takes slots in the mailbox's gate (never more than 4 in flight),
 * and 429/503/5xx and connection errors are retried here with Retry-After or jittered backoff; a Retry-After
 * longer than the policy's maxHoldMs throws MailboxThrottled instead of holding the slot. The Graph
 * client's own RetryHandler is turned off per request so retries are never doubled.
 */
import { ResponseType, RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client';
import type { Logger } from 'pino';
import { assertWorthHolding, parseRetryAfter, retryDelayMs, sleep, type BackoffPolicy } from './backoff';
import type { MailboxGate } from './mailbox-gate';
import type { RoundReport } from './round-report';

export interface GraphResult {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Graph JSON, read field by field by callers
  body: any;
}

export interface GraphCallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Gate slots the request holds while in flight (a $batch holds one per request it runs at once). */
  slots?: number;
}

/** Statuses worth sending again unchanged. */
export const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

export class GraphCallError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'GraphCallError';
  }
}

const noClientRetries = (): RetryHandlerOptions => new RetryHandlerOptions(0, 0);

/**
 * The body as `response.text()` gives it (UTF-8, a leading BOM dropped), decoded by Buffer: the TextDecoder behind
 * text() costs more per byte, and a first round reads hundreds of MB of delta pages.
 */
async function bodyText(response: Response): Promise<string> {
  const bytes = Buffer.from(await response.arrayBuffer());
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.toString('utf8', bom);
}

export class MailboxGraph {
  constructor(
    private readonly client: Client,
    readonly gate: MailboxGate,
    readonly backoff: BackoffPolicy,
    readonly report: RoundReport,
    private readonly logger: Logger,
    /** Told of each 429, also in a round that then throws (the worker keeps the count with the round's record). */
    private readonly onThrottled?: () => void,
  ) {}

  /** One 429 answer, top-level or inner. */
  noteThrottled(): void {
    this.report.throttled++;
    this.onThrottled?.();
  }

  /** One Graph call with top-level retries; returns the last answer (callers decide what a status means). */
  async call(method: 'GET' | 'POST' | 'PATCH', url: string, options: GraphCallOptions = {}): Promise<GraphResult> {
    for (let attempt = 0; ; attempt++) {
      let result: GraphResult | undefined;
      let networkError: unknown;
      try {
        result = await this.gate.run(options.slots ?? 1, () => this.send(method, url, options));
      } catch (error) {
        networkError = error;
      }
      if (result?.status === 429) this.noteThrottled();
      const last = attempt + 1 >= this.backoff.maxAttempts;
      if (result && !RETRYABLE_STATUS.has(result.status)) return result;
      if (last) {
        if (result) return result;
        throw new GraphCallError(`Graph request failed after ${attempt + 1} attempts: ${String((networkError as Error)?.message ?? networkError)}`, null);
      }
      const retryAfter = result ? parseRetryAfter(result.headers.get('retry-after')) : undefined;
      assertWorthHolding(retryAfter, this.backoff);
      const delay = retryDelayMs(attempt, retryAfter, this.backoff);
      this.report.retries++;
      this.logger.debug({ status: result?.status ?? 'network-error', attempt, delay }, 'graph call retried');
      await this.wait(delay);
    }
  }

  /** Every backoff wait of the round goes through here, so the report shows what was waited. */
  async wait(ms: number): Promise<void> {
    this.report.backoffWaitMs += ms;
    await sleep(ms);
  }

  private async send(method: string, url: string, options: GraphCallOptions): Promise<GraphResult> {
    this.report.requests++;
    let request = this.client.api(url).responseType(ResponseType.RAW).middlewareOptions([noClientRetries()]);
    if (options.headers) request = request.headers(options.headers);
    const response: Response =
      method === 'GET' ? await request.get() : method === 'POST' ? await request.post(options.body) : await request.patch(options.body);
    const text = await bodyText(response);
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: response.status, headers: response.headers, body };
  }
}

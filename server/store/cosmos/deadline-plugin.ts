/**
 * Bounds every Cosmos network request, retries included, by the deadline of the work it runs for (store/deadline.ts).
 * The SDK retries a 429 after the wait Cosmos names (x-ms-retry-after-ms), up to the client's COSMOS_THROTTLE_RETRIES;
 * it checks no deadline of ours. As a 'request' plugin this runs once per network request, inside the SDK's retry
 * loop (retry/retryUtility.js in @azure/cosmos 4.x: the loop calls the plugins, then sleeps `retryAfterInMs`), so:
 * - past the deadline, the next try is not sent;
 * - a 429 whose wait would end past the deadline is not retried: it fails now as throttled, with Cosmos's wait, which
 *   the SDK does not retry (its retry policy picks by the error's `code`; a StoreError has none it retries);
 * - a request in flight is aborted at the deadline through the SDK's own `abortSignal` option.
 * https://learn.microsoft.com/azure/cosmos-db/nosql/troubleshoot-request-rate-too-large
 */
import type { PluginConfig } from '@azure/cosmos';
import { currentDeadline, deadlineError, pastDeadline } from '../deadline';
import { StoreError } from '../types';
import { statusOf } from './util';

function retryAfterMsOf(err: unknown): number {
  const ms = Number((err as { retryAfterInMs?: unknown })?.retryAfterInMs);
  return Number.isFinite(ms) && ms >= 0 ? ms : 0;
}

export function deadlinePlugin(): PluginConfig {
  return {
    on: 'request',
    plugin: async (context, diagnosticNode, next) => {
      void diagnosticNode;
      const deadline = currentDeadline();
      if (!deadline) return next(context);
      if (pastDeadline(deadline)) throw deadlineError();
      const own = context.options?.abortSignal;
      // The SDK reads the signal from the operation's options for each try; ours joins any the caller gave.
      if (own !== deadline.signal) context.options = { ...context.options, abortSignal: own ? AbortSignal.any([own, deadline.signal]) : deadline.signal };
      try {
        return await next(context);
      } catch (err) {
        if (deadline.signal.aborted) throw deadlineError();
        if (statusOf(err) === 429) {
          const waitMs = retryAfterMsOf(err);
          if (Date.now() + waitMs >= deadline.at)
            throw new StoreError('throttled', 'Cosmos DB is throttling requests (429) and its wait ends past the request deadline', waitMs || undefined);
        }
        throw err;
      }
    },
  };
}

import type { SandboxContext, SandboxResponse } from './context';
import type { FaultSettings } from './faults';
import type { LifecycleEvent } from './subscriptions';
import type { ThrottleLimits } from './throttling';

const numberKeys = <T extends object>(body: unknown, allowed: Array<keyof T>): Partial<T> => {
  const out: Partial<T> = {};
  for (const key of allowed) {
    const value = (body as Record<string, unknown> | null)?.[key as string];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) (out as Record<string, number>)[key as string] = value;
  }
  return out;
};

/**
 * `/_sandbox/*`: runtime control for a sandbox running in another process (the demo, a benchmark).
 * Not part of Graph; requires a sandbox bearer token like any Graph call.
 */
export async function adminResponse(ctx: SandboxContext, method: string, path: string, body: unknown): Promise<SandboxResponse> {
  if (path === '/_sandbox/faults' && method === 'PATCH') {
    ctx.faults.configure(numberKeys<FaultSettings>(body, ['latencyMs', 'latencyJitterMs', 'serviceUnavailableRate', 'serviceUnavailableRetryAfterSeconds', 'connectionResetRate', 'seed', 'deltaLoopAfterPages']));
    return { status: 200, body: ctx.faults.current };
  }
  if (path === '/_sandbox/limits' && method === 'PATCH') {
    ctx.throttle.limits = { ...ctx.throttle.limits, ...numberKeys<ThrottleLimits>(body, ['maxConcurrentPerMailbox', 'requestsPerWindow', 'windowMs']) };
    return { status: 200, body: ctx.throttle.limits };
  }
  if (path === '/_sandbox/accounting' && method === 'GET') return { status: 200, body: ctx.accounting.snapshot() };
  if (path === '/_sandbox/accounting' && method === 'DELETE') {
    ctx.accounting.reset();
    return { status: 204 };
  }
  if (path === '/_sandbox/lifecycle' && method === 'POST') {
    const { subscriptionId, lifecycleEvent } = (body ?? {}) as { subscriptionId?: string; lifecycleEvent?: LifecycleEvent };
    if (!subscriptionId || !['reauthorizationRequired', 'missed', 'subscriptionRemoved'].includes(String(lifecycleEvent))) {
      return { status: 400, body: { error: { code: 'BadRequest', message: 'subscriptionId and lifecycleEvent are required.' } } };
    }
    await ctx.subscriptions.triggerLifecycle(subscriptionId, lifecycleEvent as LifecycleEvent);
    return { status: 202 };
  }
  return { status: 404, body: { error: { code: 'NotFound', message: `No sandbox control at ${method} ${path}.` } } };
}

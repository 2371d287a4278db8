/**
 * The sync section: whether `npm run serve` also hosts the background sync, and how. CALSYNC_SYNC (off by
 * default: the API alone), CALSYNC_SYNC_WORKERS (in-process workers, one round each, default 4; 0 = scheduler and
 * notifications only, with workers in other processes on a Storage queue), CALSYNC_PUBLIC_URL (the https origin
 * Graph posts change notifications to; without it mailboxes run on the schedule alone),
 * CALSYNC_SYNC_INTERVAL_MINUTES (scheduled rounds per mailbox, default 15) and CALSYNC_SYNC_LIVE_INTERVAL_MINUTES
 * (the same for a mailbox whose change notifications are live, default 360; set it equal to the first for a round
 * every interval whatever the notifications). With the sync on, the graph and queue sections are read too.
 */
import { z } from 'zod';
import { ConfigError, configSection, frozen, parseEnvFields, parseUrl, type ConfigProblem } from './fields';
import { loadGraphConfig, type GraphConfig } from './graph';
import { loadQueueConfig, type QueueConfig } from './queue';

export interface SyncHostConfig {
  enabled: boolean;
  workers: number;
  /** https origin, no trailing slash; undefined = no subscriptions. */
  publicUrl?: string;
  intervalMs: number;
  /** Scheduled rounds of a mailbox with a live subscription (see server/sync/subscription-health.ts); ≥ intervalMs. */
  liveIntervalMs: number;
}

const publicOrigin = z
  .string()
  .trim()
  .refine((s) => {
    const u = parseUrl(s);
    // Graph delivers notifications only to https endpoints.
    return u?.protocol === 'https:' && (u.pathname === '/' || u.pathname === '') && !u.search;
  }, 'expected the public https origin of this API, like https://calsync.contoso.com')
  .transform((s) => s.replace(/\/+$/, ''));

const HostEnvShape = {
  CALSYNC_SYNC: z.enum(['on', 'off'], { message: 'expected on or off' }).default('off'),
  CALSYNC_SYNC_WORKERS: z.coerce.number({ message: 'expected a whole number' }).int('expected a whole number').min(0).max(64).default(4),
  CALSYNC_PUBLIC_URL: publicOrigin.optional(),
  CALSYNC_SYNC_INTERVAL_MINUTES: z.coerce.number({ message: 'expected minutes' }).min(1).max(1440).default(15),
  CALSYNC_SYNC_LIVE_INTERVAL_MINUTES: z.coerce.number({ message: 'expected minutes' }).min(1).max(1440).default(360),
};

export function loadSyncHostConfig(env: NodeJS.ProcessEnv = process.env): SyncHostConfig {
  const { data, problems } = parseEnvFields(HostEnvShape, env);
  const intervalMinutes = data.CALSYNC_SYNC_INTERVAL_MINUTES ?? 15;
  const liveIntervalMinutes = data.CALSYNC_SYNC_LIVE_INTERVAL_MINUTES ?? 360;
  if (problems.length === 0 && liveIntervalMinutes < intervalMinutes) {
    problems.push({
      variable: 'CALSYNC_SYNC_LIVE_INTERVAL_MINUTES',
      message: `expected at least CALSYNC_SYNC_INTERVAL_MINUTES (${intervalMinutes}): live notifications never make rounds more frequent`,
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    enabled: data.CALSYNC_SYNC === 'on',
    workers: data.CALSYNC_SYNC_WORKERS ?? 4,
    publicUrl: data.CALSYNC_PUBLIC_URL,
    intervalMs: intervalMinutes * 60_000,
    liveIntervalMs: liveIntervalMinutes * 60_000,
  };
}

export interface SyncHostPlan {
  host: SyncHostConfig;
  sync: GraphConfig;
  queue: QueueConfig;
}

/**
 * The sync's plan when CALSYNC_SYNC=on, undefined when off. Every sync variable is checked together (the host's
 * own, Graph, queue) before anything opens.
 */
export function planSyncHost(env: NodeJS.ProcessEnv): SyncHostPlan | undefined {
  const problems: ConfigProblem[] = [];
  const host = configSection(problems, () => loadSyncHostConfig(env));
  if (host ? !host.enabled : env.CALSYNC_SYNC?.trim() !== 'on') {
    if (problems.length > 0) throw new ConfigError(problems);
    return undefined;
  }
  const sync = configSection(problems, () => loadGraphConfig(env));
  const queue = configSection(problems, () => loadQueueConfig(env));
  if (queue?.kind === 'memory' && host?.workers === 0) {
    problems.push({ variable: 'CALSYNC_SYNC_WORKERS', message: '0 needs CALSYNC_QUEUE=storage: with the in-process queue, rounds run only in this process' });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return frozen({ host: host as SyncHostConfig, sync: sync as GraphConfig, queue: queue as QueueConfig });
}

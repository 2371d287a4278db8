/**
 * Whether `npm run serve` also hosts the background sync, and how: CALSYNC_SYNC (off by default: the API
 * alone), CALSYNC_SYNC_WORKERS (in-process workers, one round each, default 4; 0 = scheduler and notifications only, with workers in
 * other processes on a Storage queue), CALSYNC_PUBLIC_URL (the https origin Graph posts change notifications
 * to; without it mailboxes run on the schedule alone), CALSYNC_SYNC_INTERVAL_MINUTES.
 */
import { z } from 'zod';
import { ConfigError } from '../env';
import { parseEnvFields } from './env-fields';

export interface SyncHostConfig {
  enabled: boolean;
  workers: number;
  /** https origin, no trailing slash; undefined = no subscriptions. */
  publicUrl?: string;
  intervalMs: number;
}

const publicOrigin = z
  .string()
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      // Graph delivers notifications only to https endpoints.
      return u.protocol === 'https:' && (u.pathname === '/' || u.pathname === '') && !u.search;
    } catch {
      return false;
    }
  }, 'expected the public https origin of this API, like https://calsync.contoso.com')
  .transform((s) => s.replace(/\/+$/, ''));

const HostEnvSchema = {
  CALSYNC_SYNC: z.enum(['on', 'off'], { message: 'expected on or off' }).default('off'),
  CALSYNC_SYNC_WORKERS: z.coerce.number({ message: 'expected a whole number' }).int('expected a whole number').min(0).max(64).default(4),
  CALSYNC_PUBLIC_URL: publicOrigin.optional(),
  CALSYNC_SYNC_INTERVAL_MINUTES: z.coerce.number({ message: 'expected minutes' }).min(1).max(1440).default(15),
};

export function loadSyncHostConfig(env: NodeJS.ProcessEnv = process.env): SyncHostConfig {
  const { data, problems } = parseEnvFields(HostEnvSchema, env);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    enabled: data.CALSYNC_SYNC === 'on',
    workers: data.CALSYNC_SYNC_WORKERS ?? 4,
    publicUrl: data.CALSYNC_PUBLIC_URL,
    intervalMs: (data.CALSYNC_SYNC_INTERVAL_MINUTES ?? 15) * 60_000,
  };
}

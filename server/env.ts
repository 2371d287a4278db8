/** Pieces every environment-driven configuration shares: the error that names each bad variable, and value types. */
import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`invalid configuration: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** A trimmed string; empty counts as unset. */
export const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

/** Entra tenant ids, app ids and Graph subscription ids are GUIDs. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A URL hostname on the loopback interface. */
export const isLoopbackHost = (hostname: string): boolean => LOOPBACK.has(hostname);

/** An https URL; plain http only on the loopback interface (local emulators and test issuers). */
export const secureUrl = () =>
  z
    .string()
    .trim()
    .refine((s) => {
      try {
        const u = new URL(s);
        return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname));
      } catch {
        return false;
      }
    }, 'expected an https URL (http only on 127.0.0.1 / localhost)');

import { preferences, type SandboxRequest } from '../context';
import type { RenderOptions } from '../event-render';
import { expandedExtendedProperties } from '../query-options';
import { resolveTimeZone } from '../time-zones';

/** Render options from `Prefer: outlook.timezone` and `$expand`, plus the Preference-Applied header. */
export function renderOptionsFor(req: SandboxRequest): { options: RenderOptions; headers: Record<string, string> } {
  const { timeZone } = preferences(req);
  const headers: Record<string, string> = {};
  if (timeZone) {
    resolveTimeZone(timeZone);
    headers['Preference-Applied'] = `outlook.timezone="${timeZone}"`;
  }
  return { options: { timeZone: timeZone ?? 'UTC', extendedPropertyIds: expandedExtendedProperties(req.query.get('$expand')) }, headers };
}

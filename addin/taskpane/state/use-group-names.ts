/**
 * The names of the teams rules are for, so the pane shows "for Sales, Support" and never raw group ids. Names
 * are remembered for the pane's life (a rename shows on the next open); a failed lookup leaves them unknown and
 * is asked again when the ids change. The memory is a small external store (useSyncExternalStore): every
 * component showing names renders again when any of them learns new ones.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { ApiDirectoryGroup } from '../../../shared/api-types';
import type { TeamsApi } from '../../api/teams-api';

const known = new Map<string, string>();
/** Ids asked for and not returned: removed groups, or groups the caller may not see. */
const unknown = new Set<string>();
/** What components read: a new map whenever a name is learnt, so what is built from it is built again. */
let snapshot: ReadonlyMap<string, string> = new Map();
const listeners = new Set<() => void>();

function changed(): void {
  snapshot = new Map(known);
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};
const current = () => snapshot;

/** Names learnt elsewhere (a pick in the team search) need no lookup. */
export function rememberGroupNames(groups: readonly ApiDirectoryGroup[]): void {
  if (groups.length === 0) return;
  for (const g of groups) known.set(g.id, g.displayName);
  changed();
}

/** For tests: the pane's memory of names starts empty. */
export function forgetGroupNames(): void {
  known.clear();
  unknown.clear();
  changed();
}

export function useGroupNames(api: Pick<TeamsApi, 'groupNames'>, ids: readonly string[]): ReadonlyMap<string, string> {
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    const missing = key ? key.split(',').filter((id) => !known.has(id) && !unknown.has(id)) : [];
    if (missing.length === 0) return;
    api.groupNames(missing).then(
      (groups) => {
        for (const id of missing) if (!groups.some((g) => g.id === id)) unknown.add(id);
        rememberGroupNames(groups);
      },
      () => undefined, // names are a nicety: the rule still shows, as "for 2 teams"
    );
  }, [api, key]);
  return useSyncExternalStore(subscribe, current);
}

/**
 * The names of the teams rules are for, so the pane shows "for Sales, Support" and never raw group ids. Names
 * are remembered for the pane's life (a rename shows on the next open); a failed lookup leaves them unknown and
 * is asked again when the ids change.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ApiDirectoryGroup } from '../../../shared/api-types';
import type { TeamsApi } from '../../api/teams-api';

const known = new Map<string, string>();
/** Ids asked for and not returned: removed groups, or groups the caller may not see. */
const unknown = new Set<string>();

/** Names learnt elsewhere (a pick in the team search) need no lookup. */
export function rememberGroupNames(groups: readonly ApiDirectoryGroup[]): void {
  for (const g of groups) known.set(g.id, g.displayName);
}

/** For tests: the pane's memory of names starts empty. */
export function forgetGroupNames(): void {
  known.clear();
  unknown.clear();
}

export function useGroupNames(api: Pick<TeamsApi, 'groupNames'>, ids: readonly string[]): ReadonlyMap<string, string> {
  const key = [...new Set(ids)].sort().join(',');
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const missing = key ? key.split(',').filter((id) => !known.has(id) && !unknown.has(id)) : [];
    if (missing.length === 0) return;
    let live = true;
    api.groupNames(missing).then(
      (groups) => {
        rememberGroupNames(groups);
        for (const id of missing) if (!known.has(id)) unknown.add(id);
        if (live) setVersion((v) => v + 1);
      },
      () => undefined, // names are a nicety: the rule still shows, as "for 2 teams"
    );
    return () => {
      live = false;
    };
  }, [api, key]);
  // A new map when names arrive, so what is built from it is built again.
  return useMemo(() => new Map(known), [key, version]);
}

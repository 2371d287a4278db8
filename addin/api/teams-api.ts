/** Teams by name (docs/API.md, `GET /api/directory/groups`): the editor's team search and the names rules show. */
import type { ApiDirectoryGroup } from '../../shared/api-types';
import type { CalSyncApiClient } from './api-client';

export interface TeamsApi {
  /** Groups whose name has a word starting with the text (admins; at most 10). */
  searchGroups(text: string): Promise<ApiDirectoryGroup[]>;
  /** The groups among the ids that exist and the caller may see, with their names. */
  groupNames(ids: readonly string[]): Promise<ApiDirectoryGroup[]>;
}

/** Ids the API takes in one names request. */
export const GROUP_NAMES_PER_REQUEST = 100;

export function teamsApi(client: Pick<CalSyncApiClient, 'request'>): TeamsApi {
  const get = async (query: URLSearchParams) =>
    (await client.request<{ items: ApiDirectoryGroup[] }>('GET', `/api/directory/groups?${query}`, 'directory')).items;
  return {
    searchGroups: (text) => get(new URLSearchParams({ q: text })),
    groupNames: async (ids) => {
      const out: ApiDirectoryGroup[] = [];
      for (let i = 0; i < ids.length; i += GROUP_NAMES_PER_REQUEST)
        out.push(...(await get(new URLSearchParams({ ids: ids.slice(i, i + GROUP_NAMES_PER_REQUEST).join(',') }))));
      return out;
    },
  };
}

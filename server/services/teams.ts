/**
 * Teams by name (issue #16): the admin's picker searches the directory's groups, and the pane turns the group ids a
 * rule is for into names. Admins may name any group of their tenant; a user only the teams of theirs that org
 * rules are for (what GET /api/me lists), so the API is no way to read the directory's group names.
 */
import { z } from 'zod';
import type { ApiDirectoryGroup } from '../../shared/api-types';
import { GUID } from '../../shared/guid';
import type { Principal } from '../domain/principal';
import type { DirectoryReader } from '../domain/sync-control';
import { forbidden } from '../domain/errors';
import { parseBody } from './request-bodies';
import type { RuleService } from './rules';
import { DIRECTORY_RESULTS_MAX, noDirectory, SearchText } from './sync-status';

/** Ids one names request may carry: every group of a full page of rules and the enrolled groups. */
export const GROUP_NAMES_MAX = 100;
const GroupIds = z.array(z.string().regex(GUID, 'a group id is a GUID')).min(1).max(GROUP_NAMES_MAX, `at most ${GROUP_NAMES_MAX} ids`);

export class TeamService {
  constructor(
    private readonly directory: DirectoryReader | undefined,
    private readonly rules: Pick<RuleService, 'teamsOf'>,
  ) {}

  async search(p: Principal, text: unknown): Promise<ApiDirectoryGroup[]> {
    if (!p.isAdmin) throw forbidden('only CalSync admins can search the directory for teams');
    const q = parseBody(SearchText, text, 'search text');
    if (!this.directory?.searchGroups) throw noDirectory();
    return this.directory.searchGroups(p.tenantId, q, DIRECTORY_RESULTS_MAX);
  }

  /** The named groups that exist, in the order asked; ids the caller may not read are left out like unknown ones. */
  async names(p: Principal, ids: unknown): Promise<ApiDirectoryGroup[]> {
    const wanted = [...new Set(parseBody(GroupIds, ids, 'group ids').map((id) => id.toLowerCase()))];
    if (!this.directory?.groupsByIds) throw noDirectory();
    const mine = p.isAdmin ? undefined : new Set(await this.rules.teamsOf(p));
    const readable = mine ? wanted.filter((id) => mine.has(id)) : wanted;
    if (readable.length === 0) return [];
    const found = new Map((await this.directory.groupsByIds(p.tenantId, readable)).map((g) => [g.id, g]));
    return readable.flatMap((id) => found.get(id) ?? []);
  }
}

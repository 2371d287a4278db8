import { Router } from 'express';
import { z } from 'zod';
import { principalOf } from '../auth/middleware';
import type { TeamService } from '../services/teams';
import { parseQuery } from './query';

/** Either a search (`q`, admins) or the names of groups by id (`ids`, comma-separated). */
const groupsQuery = z.union([z.strictObject({ q: z.string() }), z.strictObject({ ids: z.string().max(4000) })]);

export function teamsRouter(teams: TeamService): Router {
  const router = Router();
  router.get('/directory/groups', async (req, res) => {
    const query = parseQuery(req, groupsQuery);
    const items = 'q' in query ? await teams.search(principalOf(req), query.q) : await teams.names(principalOf(req), query.ids.split(','));
    res.json({ items });
  });
  return router;
}

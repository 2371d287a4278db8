/**
 * `calsync rbac-script`: prints the Exchange Online PowerShell that limits CalSync's app to the mailboxes of the
 * enrolled groups (cli/rbac/rbac-script.ts says what it rests on). The groups are those named with --group, else
 * the tenant's `enrolledGroups` from its settings in the store. With the Graph credential configured it reads the
 * groups from the directory: their names, and every group nested in them, which gets a scope of its own
 * (Exchange's MemberOfGroup matches direct members only); without it the script warns of nesting it cannot see.
 */
import type { Command } from 'commander';
import { GUID } from '../../../shared/guid';
import { openGraphAccess } from '../../compose/graph';
import { loadOptionalGraphConfig } from '../../config/graph';
import { graphGroupsByIds, listNestedGroupIds } from '../../sync/graph-groups';
import { renderRbacScript, type RbacGroup } from '../rbac/rbac-script';
import { CliError, type CliIo } from '../io';
import { withStores } from '../store-admin';

export interface RbacScriptOptions {
  appId: string;
  group?: string[];
  spObjectId?: string;
  testMailbox?: string;
}

function checkGuid(flag: string, value: string | undefined): void {
  if (value !== undefined && !GUID.test(value)) throw new CliError(`${flag}: expected a GUID, got "${value.slice(0, 60)}"`);
}

export async function printRbacScript(io: CliIo, options: RbacScriptOptions): Promise<number> {
  checkGuid('--app-id', options.appId);
  checkGuid('--sp-object-id', options.spObjectId);
  for (const g of options.group ?? []) checkGuid('--group', g);
  const groups = options.group?.length
    ? options.group
    : await withStores(io, async (stores, tenantId) => (await stores.settings.get(tenantId))?.enrolledGroups ?? []);
  if (groups.length === 0) throw new CliError('no groups: the tenant enrols none (settings enrolledGroups); name them with --group <id>');
  const ids = [...new Set(groups.map((g) => g.toLowerCase()))];
  const graph = loadOptionalGraphConfig(io.env);
  io.stdout.write(
    renderRbacScript({
      appId: options.appId,
      servicePrincipalObjectId: options.spObjectId,
      groups: graph ? await groupsWithNested(graph, ids) : ids.map((id) => ({ id })),
      testMailbox: options.testMailbox,
    }),
  );
  return 0;
}

/** The groups and every group nested in them, each once, with their names from the directory. */
async function groupsWithNested(graph: NonNullable<ReturnType<typeof loadOptionalGraphConfig>>, ids: string[]): Promise<RbacGroup[]> {
  const access = openGraphAccess(graph, 1);
  try {
    const nestedIn = new Map<string, string>();
    for (const id of ids) {
      for (const nested of (await listNestedGroupIds(access.client, id)).ids) if (!ids.includes(nested) && !nestedIn.has(nested)) nestedIn.set(nested, id);
    }
    const all = [...ids, ...nestedIn.keys()];
    const names = new Map((await graphGroupsByIds(access.client, all)).map((g) => [g.id, g.displayName]));
    return all.map((id) => ({ id, displayName: names.get(id), nestedIn: nestedIn.get(id), nestedGroups: 0 }));
  } finally {
    await access.close();
  }
}

export function registerRbacScriptCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('rbac-script')
    .description("print the Exchange Online PowerShell that limits CalSync's app to the enrolled groups (RBAC for Applications)")
    .requiredOption('--app-id <guid>', "CalSync's app (client) id")
    .option('--group <guid...>', "Entra group ids (default: the tenant's enrolled groups)")
    .option('--sp-object-id <guid>', "the object id of CalSync's enterprise application in the tenant")
    .option('--test-mailbox <address>', 'a member of an enrolled group, for the check at the end')
    .action(async (opts: RbacScriptOptions) => {
      setExit(await printRbacScript(io, opts));
    });
}

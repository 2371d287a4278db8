/**
 * `calsync rules versions|restore`: the rule-set versions of /api/rules/versions, through the same service, so a
 * restore from the CLI keeps a version of what it replaces and is audited exactly like one from the Admin tab.
 * The CLI reads the set's ETag just before restoring: the operator names the version, and the diff it prints is
 * what was restored.
 */
import type { Command } from 'commander';
import type { RuleScope } from '../../../shared';
import { describeVersionReason } from '../../../shared/version-reason';
import { DomainError } from '../../domain/errors';
import { RuleVersionService } from '../../services/rule-versions';
import { RuleService, type RulesChange } from '../../services/rules';
import type { Stores } from '../../store/types';
import { describeResync, parkImportResync } from '../import-resync';
import { CliError, type CliIo } from '../io';
import { describeRefusal, principal, withStores } from '../store-admin';

const services = (stores: Stores, changes: RulesChange[] = []) => {
  const rules = new RuleService(stores, { effectiveCacheTtlMs: 0, onChanged: (change) => changes.push(change) });
  return { rules, versions: new RuleVersionService(stores, rules) };
};

export async function listVersions(io: CliIo, options: { scope: RuleScope; owner?: string }): Promise<number> {
  return withStores(io, async (stores, tenantId) => {
    const list = await services(stores).versions.list(principal(tenantId, options.scope, options.owner), options.scope);
    if (list.items.length === 0) io.stdout.write(`no versions of the ${options.scope} rules yet (one is kept before each import, reorder or restore)\n`);
    for (const v of list.items) io.stdout.write(`${v.id}  ${v.at}  ${v.ruleCount} rules  ${describeVersionReason(v.reason)} (by ${v.actorId})\n`);
    return 0;
  });
}

export async function restoreVersion(io: CliIo, id: string, options: { owner?: string }): Promise<number> {
  return withStores(io, async (stores, tenantId) => {
    // The version names its scope; personal versions need their owner to be found at all.
    const p = principal(tenantId, options.owner ? 'personal' : 'org', options.owner);
    const changes: RulesChange[] = [];
    const { versions } = services(stores, changes);
    try {
      const { setEtag } = await versions.get(p, id);
      const result = await versions.restore(p, id, setEtag);
      const { added, changed, removed } = result.diff;
      const names = (label: string, list: string[]) => (list.length > 0 ? `\n  ${label}: ${list.join(', ')}` : '');
      io.stdout.write(
        `restored the ${result.scope} rules to ${id}: ${added.length} added, ${changed.length} changed, ${removed.length} removed` +
          `${names('added', added)}${names('changed', changed)}${names('removed', removed)}\n` +
          `the replaced set is kept as ${result.keptVersionId} (calsync rules restore ${result.keptVersionId} undoes this)\n`,
      );
      // As after a CLI import: the affected mailboxes re-run now, not at their next scheduled round.
      for (const change of changes) io.stdout.write(`${describeResync(await parkImportResync(stores, change, io.env), 'the restore')}\n`);
      return 0;
    } catch (err) {
      if (err instanceof DomainError) throw new CliError(`${id}: ${describeRefusal(err)}`, 1);
      throw err;
    }
  });
}

export function registerVersionCommands(rules: Command, io: CliIo, setExit: (code: number) => void): void {
  rules
    .command('versions')
    .description('list the versions kept before each import, reorder or restore (newest first)')
    .option('--scope <scope>', 'org or personal', 'org')
    .option('--owner <oid>', 'the owner (object id) of the personal rules')
    .action(async (opts: { scope: string; owner?: string }) => {
      if (opts.scope !== 'org' && opts.scope !== 'personal') throw new CliError(`--scope: expected org or personal, got "${opts.scope}"`);
      setExit(await listVersions(io, { scope: opts.scope, owner: opts.owner }));
    });
  rules
    .command('restore <id>')
    .description('put a rule set back as a version kept it (the set it replaces is kept too)')
    .option('--owner <oid>', 'the owner (object id) when the version holds personal rules')
    .action(async (id: string, opts: { owner?: string }) => {
      setExit(await restoreVersion(io, id, opts));
    });
}

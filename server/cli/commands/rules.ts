/**
 * `calsync rules list|export|import`: admin tooling straight against the store, through RuleService so the file
 * format, validation, limits and all-or-nothing import are exactly those of /api/export and /api/import. The
 * CLI acts as an admin principal; personal rules belong to `--owner` (the user's object id).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { describeRule, type RuleScope } from '../../../shared';
import { DomainError } from '../../domain/errors';
import { RuleService, type RulesChange } from '../../services/rules';
import { describeResync, parkImportResync } from '../import-resync';
import { CliError, type CliIo } from '../io';
import { describeRefusal, principal, withStores } from '../store-admin';
import { registerVersionCommands } from './rule-versions';

export async function exportRules(io: CliIo, file: string, options: { scope?: RuleScope; owner?: string }): Promise<number> {
  const scope = options.scope ?? 'org';
  return withStores(io, async (stores, tenantId) => {
    const exported = await new RuleService(stores, { effectiveCacheTtlMs: 0 }).exportSet(principal(tenantId, scope, options.owner), scope);
    writeFileSync(resolve(file), `${JSON.stringify(exported, null, 2)}\n`);
    io.stdout.write(`exported ${exported.rules.length} ${scope} rules to ${file}\n`);
    return 0;
  });
}

/** One rule per line in the pane's words: "1. Name — Subject contains "x" → Category (Colour)", "(off)" when disabled. */
export async function listRules(io: CliIo, options: { scope?: RuleScope; owner?: string }): Promise<number> {
  const scope = options.scope ?? 'org';
  return withStores(io, async (stores, tenantId) => {
    const { rules } = await new RuleService(stores, { effectiveCacheTtlMs: 0 }).exportSet(principal(tenantId, scope, options.owner), scope);
    if (rules.length === 0) io.stdout.write(`no ${scope} rules\n`);
    rules.forEach((r, i) => io.stdout.write(`${i + 1}. ${r.name}${r.enabled ? '' : ' (off)'} — ${describeRule(r)}\n`));
    return 0;
  });
}

export async function importRules(io: CliIo, file: string, options: { owner?: string }): Promise<number> {
  let body: unknown;
  try {
    body = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (err) {
    throw new CliError(`${file}: ${err instanceof SyntaxError ? `not JSON: ${err.message}` : (err as Error).message}; nothing was imported`, 1);
  }
  const scope: RuleScope = (body as { scope?: unknown } | null)?.scope === 'personal' ? 'personal' : 'org';
  return withStores(io, async (stores, tenantId) => {
    try {
      // The file's name goes with the version kept before the import ("before importing “org.json”").
      const named = body && typeof body === 'object' && !Array.isArray(body) ? { ...body, fileName: basename(file).slice(0, 255) } : body;
      const changes: RulesChange[] = [];
      const service = new RuleService(stores, { effectiveCacheTtlMs: 0, onChanged: (change) => changes.push(change) });
      const result = await service.importSet(principal(tenantId, scope, options.owner), named);
      const renamed = Object.keys(result.renamed).length;
      io.stdout.write(
        `imported ${result.scope} rules (${result.mode}): ${result.created} created, ${result.replaced} replaced, ${result.deleted} deleted${renamed ? `, ${renamed} renamed` : ''}\n`,
      );
      // As the API's import: the affected mailboxes re-run now, not at their next scheduled round.
      for (const change of changes) io.stdout.write(`${describeResync(await parkImportResync(stores, change, io.env))}\n`);
      return 0;
    } catch (err) {
      if (err instanceof DomainError) throw new CliError(`${file}: ${describeRefusal(err)}`, 1);
      throw err;
    }
  });
}

export function registerRulesCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const rules = program.command('rules').description('list, export, import or restore a rule set (the /api/export file format)');
  rules
    .command('list')
    .description('show a rule set in words, in evaluation order')
    .option('--scope <scope>', 'org or personal', 'org')
    .option('--owner <oid>', 'the owner (object id) of the personal rules')
    .action(async (opts: { scope: string; owner?: string }) => {
      if (opts.scope !== 'org' && opts.scope !== 'personal') throw new CliError(`--scope: expected org or personal, got "${opts.scope}"`);
      setExit(await listRules(io, { scope: opts.scope, owner: opts.owner }));
    });
  rules
    .command('export <file>')
    .description('write a rule set to a JSON file')
    .option('--scope <scope>', 'org or personal', 'org')
    .option('--owner <oid>', 'the owner (object id) of the personal rules')
    .action(async (file: string, opts: { scope: string; owner?: string }) => {
      if (opts.scope !== 'org' && opts.scope !== 'personal') throw new CliError(`--scope: expected org or personal, got "${opts.scope}"`);
      setExit(await exportRules(io, file, { scope: opts.scope, owner: opts.owner }));
    });
  rules
    .command('import <file>')
    .description('replace (or merge into) a rule set from a JSON file; all or nothing')
    .option('--owner <oid>', 'the owner (object id) when the file holds personal rules')
    .action(async (file: string, opts: { owner?: string }) => {
      setExit(await importRules(io, file, opts));
    });
  registerVersionCommands(rules, io, setExit);
}

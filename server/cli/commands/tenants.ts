/**
 * `calsync tenants list | show <id> | set-plan <id> | activate <id> | suspend <id> | resume <id> | offboard <id>`: the operators'
 * view of the tenant records (issue #15), against the configured store and through TenantService, so every
 * change is validated, etag-guarded and audited as `cli:<user>`. A running API sees a change within its tenant
 * cache (30 s).
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { DomainError } from '../../domain/errors';
import { termStateOf } from '../../domain/tenant-term';
import { loadStoreConfig } from '../../config/store';
import { TenantService, type PlanChange, type TenantActor } from '../../services/tenants';
import { openStores } from '../../store/open-stores';
import type { StoredTenant } from '../../store/tenants';
import { CliError, type CliIo } from '../io';
import { describeRefusal } from '../store-admin';
import { registerOffboardCommand } from './offboard';

function operator(): TenantActor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): the audit still says it came from the CLI.
  }
  return { userId: `cli:${name}` };
}

async function withTenants<T>(io: CliIo, fn: (tenants: TenantService) => Promise<T>): Promise<T> {
  const stores = await openStores(loadStoreConfig(io.env));
  try {
    return await fn(new TenantService(stores, { accessCacheTtlMs: 0 }));
  } catch (err) {
    if (err instanceof DomainError) throw new CliError(describeRefusal(err), 1);
    throw err;
  } finally {
    await stores.close();
  }
}

function termWords(t: StoredTenant, now: Date): string {
  const term = termStateOf(t.plan, now);
  if (term.kind === 'in_term') return `term ends ${t.plan.termEnd}`;
  return term.kind === 'grace' ? `in grace until ${term.lastGraceDay} (term ended ${t.plan.termEnd})` : `lapsed since ${term.lastGraceDay} (not synced)`;
}

function line(t: StoredTenant, now: Date): string {
  return `${t.tenantId}  ${t.status.padEnd(15)}  ${String(t.plan.seats).padStart(6)} seats  ${termWords(t, now)}  ${t.displayName}`;
}

function details(t: StoredTenant, now: Date): string {
  return [
    `tenant:       ${t.tenantId}`,
    `name:         ${t.displayName}`,
    `status:       ${t.status}`,
    `seats:        ${t.plan.seats}`,
    `term:         ${t.plan.termStart} to ${t.plan.termEnd} (${termWords(t, now)}), ${t.plan.graceDays} grace days`,
    `consented:    ${t.consentedBy ? `${t.consentedBy} at ${t.consentedAt}` : 'not yet'}`,
    `contact:      ${t.contact ?? '-'}`,
    `updated:      ${t.updatedAt} by ${t.updatedBy}`,
  ].join('\n');
}

function wholeNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new CliError(`${flag}: expected a whole number, got "${value}"`);
  return Number(value);
}

export function registerTenantsCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const tenants = program.command('tenants').description('operators: the organisations this deployment serves, their plans and status');
  const print = (t: StoredTenant) => io.stdout.write(`${details(t, new Date())}\n`);

  tenants
    .command('list')
    .description('every tenant with status, seats and term')
    .action(async () => {
      await withTenants(io, async (service) => {
        const all = await service.list();
        if (all.length === 0) io.stdout.write('no tenants yet (calsync tenants set-plan <id> prepares one; admin consent activates it)\n');
        for (const t of all) io.stdout.write(`${line(t, new Date())}\n`);
      });
      setExit(0);
    });
  tenants
    .command('show <id>')
    .description("one tenant's record")
    .action(async (id: string) => {
      await withTenants(io, async (service) => {
        const t = await service.get(id);
        if (!t) throw new CliError(`${id}: no such tenant`, 1);
        print(t);
      });
      setExit(0);
    });
  tenants
    .command('set-plan <id>')
    .description('set seats and term (a tenant without a record gets one, invited, until its admin consents)')
    .option('--seats <n>', `seats bought (at least 10)`)
    .option('--term-start <date>', 'YYYY-MM-DD; the end moves to 12 months later unless --term-end is given')
    .option('--term-end <date>', 'YYYY-MM-DD, the first day after the term (grace starts that day)')
    .option('--grace-days <n>', 'days after the term in which everything still works (default 14)')
    .option('--name <name>', 'display name')
    .action(async (id: string, opts: { seats?: string; termStart?: string; termEnd?: string; graceDays?: string; name?: string }) => {
      const change: PlanChange = {
        ...(opts.seats !== undefined ? { seats: wholeNumber('--seats', opts.seats) } : {}),
        ...(opts.termStart !== undefined ? { termStart: opts.termStart } : {}),
        ...(opts.termEnd !== undefined ? { termEnd: opts.termEnd } : {}),
        ...(opts.graceDays !== undefined ? { graceDays: wholeNumber('--grace-days', opts.graceDays) } : {}),
      };
      await withTenants(io, async (service) => print(await service.setPlan(operator(), id, change, opts.name)));
      setExit(0);
    });
  tenants
    .command('activate <id>')
    .description('make a tenant a customer without the consent page (a deployment from before tenant records)')
    .requiredOption('--name <name>', 'display name')
    .action(async (id: string, opts: { name: string }) => {
      const actor = operator();
      await withTenants(io, async (service) => print(await service.activate(actor, id, { displayName: opts.name, consentedBy: actor.userId })));
      setExit(0);
    });
  tenants
    .command('suspend <id>')
    .description('stop serving a tenant (API 403 tenant_suspended, no rounds); nothing is deleted')
    .action(async (id: string) => {
      await withTenants(io, async (service) => print(await service.suspend(operator(), id)));
      setExit(0);
    });
  tenants
    .command('resume <id>')
    .description('serve a suspended tenant again')
    .action(async (id: string) => {
      await withTenants(io, async (service) => print(await service.resume(operator(), id)));
      setExit(0);
    });
  registerOffboardCommand(tenants, io, operator, setExit);
}

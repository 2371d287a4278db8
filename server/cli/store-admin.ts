/**
 * The rules commands act straight on the store, as an admin principal: the helpers both `calsync rules` files use
 * (kept apart from either so neither imports the other).
 */
import type { RuleScope } from '../../shared';
import type { DomainError } from '../domain/errors';
import type { Principal } from '../domain/principal';
import { loadTenantId } from '../config/graph';
import { loadStoreConfig } from '../config/store';
import { openStores } from '../store/open-stores';
import type { Stores } from '../store/types';
import { CliError, type CliIo } from './io';

const CLI_USER = 'calsync-cli';

export function principal(tenantId: string, scope: RuleScope, owner: string | undefined): Principal {
  if (scope === 'personal' && !owner) throw new CliError('--owner <oid> is required for personal rules');
  return { tenantId, userId: scope === 'personal' ? (owner as string) : CLI_USER, isAdmin: true };
}

export async function withStores<T>(io: CliIo, fn: (stores: Stores, tenantId: string) => Promise<T>): Promise<T> {
  const tenantId = loadTenantId(io.env);
  const stores = await openStores(loadStoreConfig(io.env));
  try {
    return await fn(stores, tenantId);
  } finally {
    await stores.close();
  }
}

/** A service's refusal as the API would return it (code, message), one `path: message` line per detail. */
export function describeRefusal(err: DomainError): string {
  return [`${err.code}: ${err.message}`, ...err.details.map((d) => `  ${d.path || '(file)'}: ${d.message}`)].join('\n');
}

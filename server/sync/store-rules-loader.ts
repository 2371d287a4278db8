/**
 * Effective rules for a round, read from the Rules API's stores: the tenant's org rules and that user's
 * personal rules, made one effective set by shared's effectiveRules (as the API makes it), and the tenant's
 * settings with the defaults. The API that writes them may run in another process, so each round asks the
 * store for the tenant's change stamp (one point read, RuleRepository.changeStamp) and reads the documents again
 * only when it moved since they were cached here.
 */
import { LRUCache } from 'lru-cache';
import type { StoredRule, StoredSettings, Stores } from '../store/types';
import { DEFAULT_SYNC_WINDOW } from '../../shared/settings-defaults';
import { effectiveRules } from '../../shared/effective-rules';
import type { EffectiveRules } from './round-config';

export interface StoreRulesLoaderOptions {
  /**
   * Personal rules are owned by the user's object id (the token's oid). Where mailboxes are addressed by UPN,
   * this maps a mailbox to its owner id; by default the mailbox id is the owner id.
   */
  ownerIdFor?: (tenantId: string, mailboxId: string) => Promise<string> | string;
  /**
   * The owner's groups (group-membership.ts), asked only when an enabled org rule is scoped to groups. Absent, such
   * a rule applies to no one (shared/effective-rules.ts).
   */
  memberOf?: (tenantId: string, ownerId: string) => Promise<ReadonlySet<string>>;
  /** How many tenants (org rules + settings) and how many owners (personal rules) stay cached; default 1000 each. */
  maxCached?: number;
}

interface Stamped<T> {
  stamp: string;
  value: T;
}

interface TenantPart {
  org: StoredRule[];
  settings: StoredSettings | undefined;
}

export function storeRulesLoader(
  stores: Stores,
  options: StoreRulesLoaderOptions = {},
): (tenantId: string, mailboxId: string, knownOwnerId?: string) => Promise<EffectiveRules> {
  const max = options.maxCached ?? 1000;
  const tenants = new LRUCache<string, Stamped<TenantPart>>({ max });
  const owners = new LRUCache<string, Stamped<StoredRule[]>>({ max });
  /** The effective set last made per owner, with the cache entries (and groups) it was made from. */
  const effective = new LRUCache<
    string,
    { tenant: Stamped<TenantPart>; personal: Stamped<StoredRule[]>; memberOf: ReadonlySet<string> | undefined; value: EffectiveRules }
  >({ max });

  return async (tenantId, mailboxId, knownOwnerId) => {
    const ownerId = knownOwnerId ?? (await options.ownerIdFor?.(tenantId, mailboxId)) ?? mailboxId.toLowerCase();
    // The stamp is read before the documents: documents cached under it are at least that new (types.ts).
    const stamp = await stores.rules.changeStamp(tenantId);
    const ownerKey = JSON.stringify([tenantId, ownerId]);
    let tenant = tenants.get(tenantId);
    let personal = owners.get(ownerKey);
    const [org, settings, personalRules] = await Promise.all([
      tenant?.stamp === stamp ? undefined : stores.rules.listAll({ tenantId, scope: 'org' }),
      tenant?.stamp === stamp ? undefined : stores.settings.get(tenantId),
      personal?.stamp === stamp ? undefined : stores.rules.listAll({ tenantId, scope: 'personal', ownerId }),
    ]);
    if (org) {
      tenant = { stamp, value: { org, settings } };
      tenants.set(tenantId, tenant);
    }
    if (personalRules) {
      personal = { stamp, value: personalRules };
      owners.set(ownerKey, personal);
    }
    const current = tenant!.value;
    const forTeams = current.org.some((r) => r.enabled && r.appliesTo);
    const memberOf = forTeams ? await options.memberOf?.(tenantId, ownerId) : undefined;
    // The same documents (and groups) give the same object back: round-config.ts compiles each set once, not every round.
    const made = effective.get(ownerKey);
    if (made && made.tenant === tenant && made.personal === personal && made.memberOf === memberOf) return made.value;
    const value: EffectiveRules = {
      rules: effectiveRules({ org: current.org, personal: personal!.value, memberOf }),
      settings: {
        internalDomains: current.settings?.internalDomains ?? [],
        syncWindowDays: current.settings?.syncWindowDays ?? DEFAULT_SYNC_WINDOW,
        categoryPolicy: current.settings?.categoryPolicy ?? 'enforce',
      },
    };
    effective.set(ownerKey, { tenant: tenant!, personal: personal!, memberOf, value });
    return value;
  };
}

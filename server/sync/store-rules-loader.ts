/**
 * Effective rules for a round, read from the Rules API's stores: the tenant's org rules plus that user's
 * personal rules (the round keeps the enabled ones, in order), and the tenant's settings with the issue's
 * defaults. Read fresh for every round: the API's cache lives in another process.
 */
import type { Stores } from '../store/types';
import { DEFAULT_SYNC_WINDOW } from '../../shared/settings-defaults';
import type { EffectiveRules } from './round-config';

export interface StoreRulesLoaderOptions {
  /**
   * Personal rules are owned by the user's object id (the token's oid). Where mailboxes are addressed by UPN,
   * this maps a mailbox to its owner id; by default the mailbox id is the owner id.
   */
  ownerIdFor?: (tenantId: string, mailboxId: string) => Promise<string> | string;
}

export function storeRulesLoader(stores: Stores, options: StoreRulesLoaderOptions = {}): (tenantId: string, mailboxId: string) => Promise<EffectiveRules> {
  return async (tenantId, mailboxId) => {
    const ownerId = (await options.ownerIdFor?.(tenantId, mailboxId)) ?? mailboxId.toLowerCase();
    const [org, personal, settings] = await Promise.all([
      stores.rules.listAll({ tenantId, scope: 'org' }),
      stores.rules.listAll({ tenantId, scope: 'personal', ownerId }),
      stores.settings.get(tenantId),
    ]);
    return {
      rules: [...org, ...personal],
      settings: { internalDomains: settings?.internalDomains ?? [], syncWindowDays: settings?.syncWindowDays ?? DEFAULT_SYNC_WINDOW },
    };
  };
}

/** Tenant settings for tests that only care who is enrolled: no internal domains, the default window, unlocked. */
import type { Stores, TenantSettings } from '../../server/store/types';

export async function putEnrolment(stores: Pick<Stores, 'settings'>, tenantId: string, enrolledMailboxes: TenantSettings['enrolledMailboxes']): Promise<void> {
  const at = new Date(0).toISOString();
  await stores.settings.put(
    { tenantId, internalDomains: [], enrolledMailboxes, syncWindowDays: { past: 30, future: 365 }, orgRulesLocked: false, updatedAt: at, updatedBy: 'test' },
    null,
  );
}

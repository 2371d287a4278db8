import { randomBytes } from 'node:crypto';
import type { Principal } from '../domain/principal';
import type { AuditAction, AuditEntry, AuditRepository } from '../store/types';

export interface AuditInput {
  action: AuditAction;
  scope: AuditEntry['scope'];
  ownerId: string | null;
  ruleId: string | null;
  before: unknown;
  after: unknown;
}

/** Records who changed what; keys sort by time so listing newest-first is a key-range scan. */
export class AuditLog {
  constructor(
    private readonly repo: AuditRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(actor: Principal, input: AuditInput): Promise<void> {
    const at = this.now().toISOString();
    await this.repo.append({
      tenantId: actor.tenantId,
      key: `${at}_${randomBytes(6).toString('hex')}`,
      at,
      actorId: actor.userId,
      ...(actor.displayName ? { actorName: actor.displayName } : {}),
      ...input,
    });
  }
}

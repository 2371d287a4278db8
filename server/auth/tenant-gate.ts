/**
 * The API acts only for customers (issue #15): after the token is verified, the caller's tenant record must say
 * `active`. No record, `invited`, `consent_revoked` or `offboarded` → 403 `tenant_not_onboarded` carrying the
 * onboarding link (an admin of the organisation consents there); `suspended` → 403 `tenant_suspended`.
 * CALSYNC_ALLOWED_TENANTS still fences tokens before this (verifier.ts). Records are read through TenantService's
 * short cache, so the gate costs no store read on most requests.
 */
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../domain/errors';
import type { TenantService } from '../services/tenants';
import type { StoredTenant } from '../store/tenants';
import { principalOf } from './middleware';

declare module 'express-serve-static-core' {
  interface Request {
    /** The caller's tenant record, set by requireCustomerTenant. */
    tenant?: StoredTenant;
  }
}

export const ONBOARD_PATH = '/onboard';

/** `publicUrl`: the service's public origin; absent, the origin the request came to. */
export function requireCustomerTenant(tenants: TenantService, publicUrl: string | undefined) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const { tenantId } = principalOf(req);
    const record = await tenants.access(tenantId);
    if (record?.status === 'active') {
      req.tenant = record;
      next();
      return;
    }
    if (record?.status === 'suspended') throw new DomainError('tenant_suspended', 'CalSync is suspended for your organisation; contact your CalSync provider');
    const link = `${publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`}${ONBOARD_PATH}`;
    throw new DomainError('tenant_not_onboarded', `your organisation does not use CalSync yet: an administrator can sign it up at ${link}`, [
      { path: 'tid', message: link, code: 'onboard_url' },
    ]);
  };
}

export function tenantOf(req: Request): StoredTenant {
  if (!req.tenant) throw new Error('route mounted without requireCustomerTenant');
  return req.tenant;
}

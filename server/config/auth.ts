/**
 * The auth section: which tokens the API accepts. CALSYNC_API_AUDIENCE (required), CALSYNC_JWKS_URL,
 * CALSYNC_TOKEN_ISSUER (with a {tid} placeholder), CALSYNC_ALLOWED_TENANTS (unset = any tenant).
 */
import { z } from 'zod';
import { GUID, optionalText, parseUrl, secureUrl } from './fields';

export const DEFAULT_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
export const DEFAULT_TOKEN_ISSUER = 'https://login.microsoftonline.com/{tid}/v2.0';

const SAMPLE_TID = '00000000-0000-0000-0000-000000000000';

/** An https issuer URL with `{tid}` (also allowed in the host, e.g. https://{tid}.ciamlogin.com/{tid}/v2.0). */
function issuerTemplate(value: string, ctx: z.RefinementCtx): void {
  if (!value.includes('{tid}')) ctx.addIssue({ code: 'custom', message: 'must contain the {tid} placeholder' });
  const url = parseUrl(value.replaceAll('{tid}', SAMPLE_TID));
  if (url?.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'expected an https URL like https://login.microsoftonline.com/{tid}/v2.0' });
}

/** Entra tenant ids are GUIDs; anything else would only ever refuse every user with 403. */
/** A comma-separated list of tenant GUIDs (CALSYNC_ALLOWED_TENANTS, CALSYNC_SYNC_TENANTS). */
export function tenantList(value: string | undefined, ctx: z.RefinementCtx): void {
  if (value === undefined) return;
  const entries = value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (entries.length === 0) ctx.addIssue({ code: 'custom', message: 'lists no tenant ids (unset it to allow any tenant)' });
  const bad = entries.filter((t) => !GUID.test(t));
  if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `expected tenant ids (GUIDs), got ${bad.map((b) => JSON.stringify(b)).join(', ')}` });
}

export const AuthEnvShape = {
  CALSYNC_API_AUDIENCE: z.string().trim().min(1, 'required: the API application ID URI or client id'),
  CALSYNC_JWKS_URL: secureUrl().default(DEFAULT_JWKS_URL),
  CALSYNC_TOKEN_ISSUER: z.string().trim().default(DEFAULT_TOKEN_ISSUER).superRefine(issuerTemplate),
  CALSYNC_ALLOWED_TENANTS: optionalText.superRefine(tenantList),
};

export interface AuthConfig {
  audience: string;
  jwksUrl: string;
  issuerTemplate: string;
  /** Lower-cased tenant ids; undefined = any tenant. */
  allowedTenants?: string[];
}

export function authConfigFrom(e: z.output<z.ZodObject<typeof AuthEnvShape>>): AuthConfig {
  const allowedTenants = e.CALSYNC_ALLOWED_TENANTS?.split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  return {
    audience: e.CALSYNC_API_AUDIENCE,
    jwksUrl: e.CALSYNC_JWKS_URL,
    issuerTemplate: e.CALSYNC_TOKEN_ISSUER,
    allowedTenants: allowedTenants && allowedTenants.length > 0 ? allowedTenants : undefined,
  };
}

/** An Entra object id (tenant, application, user, group): a GUID in its usual 8-4-4-4-12 hex form, any case. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

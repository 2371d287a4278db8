/**
 * Values baked in at build time (vite `define` of __CALSYNC_BUILD__), never hard-coded: each deployment
 * registers its own Entra ID app. Tests set globalThis.__CALSYNC_BUILD__ instead.
 */
export interface BuildConfig {
  /** The add-in's Entra ID application (client) id. */
  clientId: string;
  /** The Rules API scope, e.g. api://calsync.contoso.com/<id>/Rules.ReadWrite. */
  apiScope: string;
  /** Where the Rules API lives; '' means the origin that served the task pane. */
  apiBaseUrl: string;
  /** Entra ID authority; organizations unless a deployment pins its tenant. */
  authority: string;
}

declare const __CALSYNC_BUILD__: Partial<BuildConfig> | undefined;

export function buildConfig(): BuildConfig {
  const injected: Partial<BuildConfig> =
    (typeof __CALSYNC_BUILD__ !== 'undefined' ? __CALSYNC_BUILD__ : undefined) ??
    (globalThis as { __CALSYNC_BUILD__?: Partial<BuildConfig> }).__CALSYNC_BUILD__ ??
    {};
  return {
    clientId: injected.clientId ?? '',
    apiScope: injected.apiScope ?? '',
    apiBaseUrl: injected.apiBaseUrl ?? '',
    authority: injected.authority || 'https://login.microsoftonline.com/organizations',
  };
}

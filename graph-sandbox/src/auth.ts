import { randomBytes, randomUUID } from 'node:crypto';
import { GraphError } from './graph-error';
import type { SandboxDirectory } from './tenants';

export interface SandboxApp {
  clientId: string;
  clientSecret: string;
  displayName?: string;
  /** Redirect URIs registered for the admin-consent flow; any loopback URI when left out. */
  redirectUris?: string[];
}

interface IssuedToken {
  appId: string;
  /** The directory the token was issued in (its `tid`): the only tenant whose mailboxes it reaches. */
  tenantId: string;
  expiresAtMs: number;
}

/** Who a valid bearer token speaks for. */
export interface TokenPrincipal {
  appId: string;
  tenantId: string;
}

export interface TokenErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
}

/**
 * The Entra ID side of the sandbox: client-credentials tokens for registered apps and the metadata
 * documents MSAL reads. Tokens are opaque random strings; only the sandbox needs to understand them.
 */
export class TokenAuthority {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly apps = new Map<string, SandboxApp>();

  constructor(
    readonly tenantId: string,
    private readonly directory: SandboxDirectory,
    apps: SandboxApp[],
    public tokenLifetimeSeconds: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    for (const app of apps) this.apps.set(app.clientId, app);
  }

  registerApp(app: SandboxApp): void {
    this.apps.set(app.clientId, app);
  }

  private tokenError(status: number, error: string, code: number, description: string): { status: number; body: TokenErrorBody } {
    return {
      status,
      body: {
        error,
        error_description: `AADSTS${code}: ${description}`,
        error_codes: [code],
        timestamp: new Date(this.now()).toISOString(),
        trace_id: randomUUID(),
        correlation_id: randomUUID(),
      },
    };
  }

  app(clientId: string): SandboxApp | undefined {
    return this.apps.get(clientId);
  }

  /** POST /{tenant}/oauth2/v2.0/token with grant_type=client_credentials. */
  issue(tenant: string, form: URLSearchParams): { status: number; body: object } {
    const directory = tenant === 'organizations' ? this.directory.find(this.tenantId) : this.directory.find(tenant);
    if (!directory) {
      return this.tokenError(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return this.tokenError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    }
    const app = this.apps.get(form.get('client_id') ?? '');
    if (!app)
      return this.tokenError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory.`,
      );
    if (form.get('client_secret') !== app.clientSecret) {
      return this.tokenError(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    }
    const scope = form.get('scope') ?? '';
    if (!scope.split(' ').some((s) => s.endsWith('/.default'))) {
      return this.tokenError(
        400,
        'invalid_scope',
        1002012,
        'The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.',
      );
    }
    if (!directory.consented) return this.missingServicePrincipal(app.clientId, directory.id);
    const accessToken = `sbx.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(accessToken, { appId: app.clientId, tenantId: directory.id, expiresAtMs: this.now() + this.tokenLifetimeSeconds * 1000 });
    return {
      status: 200,
      body: { token_type: 'Bearer', expires_in: this.tokenLifetimeSeconds, ext_expires_in: this.tokenLifetimeSeconds, access_token: accessToken },
    };
  }

  /** The app has no service principal in the tenant (never consented, or consent revoked): see ConsentErrorCode. */
  private missingServicePrincipal(clientId: string, tenantId: string): { status: number; body: TokenErrorBody } {
    if (this.directory.consentErrorCode === 700016) {
      return this.tokenError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    }
    return this.tokenError(
      401,
      'invalid_client',
      7000229,
      `The client application ${clientId} is missing service principal in the tenant ${tenantId}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119`,
    );
  }

  /** The app and tenant of a valid bearer token, or throws Graph's 401. */
  authenticate(authorization: string | undefined): TokenPrincipal {
    if (!authorization || !/^Bearer\s+\S/i.test(authorization)) {
      throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    }
    const token = authorization.replace(/^Bearer\s+/i, '').trim();
    const issued = this.tokens.get(token);
    if (!issued) throw new GraphError(401, 'InvalidAuthenticationToken', 'IDX14100: JWT is not well formed, there are no dots (.).');
    if (issued.expiresAtMs <= this.now()) {
      throw new GraphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
    }
    return { appId: issued.appId, tenantId: issued.tenantId };
  }

  /** Test hook: every issued token is now expired, as after an hour of idling. */
  expireAllTokens(): void {
    for (const t of this.tokens.values()) t.expiresAtMs = 0;
  }

  /** GET /{tenant}/v2.0/.well-known/openid-configuration, read by MSAL before the token request. */
  openIdConfiguration(authorityHost: string, tenant: string): object {
    const base = `${authorityHost}/${tenant}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${authorityHost}/${tenant}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${authorityHost}/${this.tenantId}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${authorityHost}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'tid', 'ver', 'oid'],
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: new URL(authorityHost).host,
      rbac_url: 'https://pas.windows.net',
    };
  }

  /** GET /common/discovery/instance, MSAL's instance discovery (only when it is not disabled). */
  instanceDiscovery(authorityHost: string): object {
    const host = new URL(authorityHost).host;
    return {
      tenant_discovery_endpoint: `${authorityHost}/${this.tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    };
  }
}

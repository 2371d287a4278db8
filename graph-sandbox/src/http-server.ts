import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { adminResponse } from './admin';
import { adminConsentResponse } from './admin-consent';
import type { SandboxContext, SandboxRequest, SandboxResponse } from './context';
import { scriptedStatusError } from './faults';
import { GraphError } from './graph-error';
import { errorResponse } from './error-response';
import { executeGraphRequest } from './router';
import type { SandboxCertificate } from './tls';

const jsonContentType = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Writes the answer; `countBytes` gets the body's size (what the client has to read). */
function send(res: ServerResponse, response: SandboxResponse, ids: { requestId: string; clientRequestId: string }, countBytes?: (bytes: number) => void): void {
  const headers: Record<string, string> = {
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
    'Cache-Control': 'no-cache',
    ...(response.headers ?? {}),
  };
  if (response.body === undefined) {
    res.writeHead(response.status, headers).end();
    return;
  }
  const payload = JSON.stringify(response.body);
  headers['Content-Type'] ??= jsonContentType;
  res.writeHead(response.status, headers).end(payload);
  countBytes?.(Buffer.byteLength(payload));
}

/** Entra ID endpoints: token, OpenID metadata, instance discovery (the credential libraries), admin consent (a browser). */
function authorityResponse(ctx: SandboxContext, method: string, url: URL, body: Buffer): SandboxResponse | null {
  const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
  if (token && method === 'POST') {
    const result = ctx.authority.issue(decodeURIComponent(token[1] as string), new URLSearchParams(body.toString('utf8')));
    if (result.status === 200) ctx.accounting.countToken();
    return { status: result.status, body: result.body, headers: { 'Content-Type': 'application/json; charset=utf-8' } };
  }
  const openId = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
  if (openId && method === 'GET') return { status: 200, body: ctx.authority.openIdConfiguration(ctx.baseUrl, decodeURIComponent(openId[1] as string)) };
  const consent = /^\/([^/]+)\/v2\.0\/adminconsent$/.exec(url.pathname);
  if (consent && method === 'GET') {
    return adminConsentResponse(ctx.store.directory, (id) => ctx.authority.app(id), decodeURIComponent(consent[1] as string), url.searchParams);
  }
  if (url.pathname === '/common/discovery/instance' && method === 'GET') return { status: 200, body: ctx.authority.instanceDiscovery(ctx.baseUrl) };
  return null;
}

async function handle(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const header = (name: string): string | undefined => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  };
  const ids = { requestId, clientRequestId: header('client-request-id') ?? requestId };
  ctx.accounting.countRequest();
  const body = await readBody(req);
  const url = new URL(req.url ?? '/', ctx.baseUrl);
  const method = (req.method ?? 'GET').toUpperCase();
  const authority = authorityResponse(ctx, method, url, body);
  if (authority) return send(res, authority, ids);
  if (url.pathname.startsWith('/_sandbox/')) {
    try {
      ctx.authority.authenticate(header('authorization'));
      return send(res, await adminResponse(ctx, method, url.pathname, body.length > 0 ? JSON.parse(body.toString('utf8')) : undefined), ids);
    } catch (error) {
      const graphError = error instanceof GraphError ? error : new GraphError(400, 'BadRequest', String(error));
      return send(res, errorResponse(ids, graphError), ids);
    }
  }
  if (!url.pathname.startsWith('/v1.0/')) {
    return send(res, errorResponse(ids, new GraphError(400, 'BadRequest', `Invalid version: '${url.pathname.split('/')[1] ?? ''}'.`)), ids);
  }
  const fault = ctx.faults.takeScripted({ inner: false, method, path: url.pathname.slice('/v1.0'.length) }) ?? ctx.faults.decide();
  if (fault.kind === 'status') {
    ctx.accounting.countScriptedFault(fault.status);
    return send(res, errorResponse(ids, scriptedStatusError(fault)), ids);
  }
  if (fault.kind === 'reset') {
    ctx.accounting.countFault('reset');
    req.socket.destroy();
    return;
  }
  if (fault.kind === '503') {
    ctx.accounting.countFault('503');
    const error = new GraphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Please retry later.', {
      'Retry-After': String(fault.retryAfterSeconds),
    });
    return send(res, errorResponse(ids, error), ids);
  }
  let principal: { appId: string; tenantId: string };
  let parsed: unknown;
  try {
    principal = ctx.authority.authenticate(header('authorization'));
    parsed = body.length > 0 ? JSON.parse(body.toString('utf8')) : undefined;
  } catch (error) {
    const graphError = error instanceof GraphError ? error : new GraphError(400, 'BadRequest', 'Unable to read JSON request payload.');
    return send(res, errorResponse(ids, graphError), ids);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const request: SandboxRequest = {
    method,
    path: url.pathname.slice('/v1.0'.length),
    query: url.searchParams,
    headers,
    body: parsed,
    appId: principal.appId,
    tenantId: principal.tenantId,
    requestId,
    clientRequestId: ids.clientRequestId,
    inner: false,
  };
  const response = await executeGraphRequest(ctx, request, ctx.faults.latencyFor());
  ctx.logger.debug({ method, path: request.path, status: response.status }, 'graph request');
  send(res, response, ids, (bytes) => ctx.accounting.countResponseBytes(bytes));
}

export function createSandboxServer(ctx: () => SandboxContext, cert: SandboxCertificate): Server {
  const server = createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
    handle(ctx(), req, res).catch((error: unknown) => {
      ctx().logger.error({ err: error }, 'sandbox request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 5_000;
  return server;
}

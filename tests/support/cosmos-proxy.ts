/**
 * A thin HTTPS proxy in front of the in-process Cosmos emulator: it records every request (method and path) and
 * answers the ones a test scripts with a fault (429, 413, …) instead of forwarding them — the emulator itself never
 * throttles and has no size limit. It serves the emulator's certificate, so the emulator's agent trusts it, and
 * rewrites the account document's endpoints to itself so the SDK's endpoint discovery stays on the proxy.
 */
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestCosmos } from './cosmos';

export interface RecordedRequest {
  method: string;
  path: string;
}

export interface ScriptedFault {
  status: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

/** Decides per request: a fault to answer with, or undefined to forward it. */
export type FaultScript = (req: RecordedRequest & { headers: IncomingHttpHeaders }) => ScriptedFault | undefined;

export interface CosmosProxy {
  endpoint: string;
  requests: RecordedRequest[];
  /** Replaces the fault script (undefined: forward everything). */
  script(fn: FaultScript | undefined): void;
  /** Headers added to every forwarded answer, e.g. the `x-ms-request-charge` Azure sends and the emulator does not. */
  addHeaders(headers: Record<string, string>): void;
  close(): Promise<void>;
}

export async function startCosmosProxy(emulator: TestCosmos): Promise<CosmosProxy> {
  const upstream = new URL(emulator.endpoint);
  const requests: RecordedRequest[] = [];
  let faults: FaultScript | undefined;
  let added: Record<string, string> = {};
  let self = '';
  const server = https.createServer({ key: emulator.tls.key, cert: emulator.tls.cert }, (req, res) => {
    const seen = { method: req.method ?? 'GET', path: req.url ?? '/' };
    requests.push(seen);
    const fault = faults?.({ ...seen, headers: req.headers });
    if (fault) {
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'application/json', 'x-ms-activity-id': 'proxy', ...fault.headers });
      res.end(JSON.stringify(fault.body ?? { code: String(fault.status), message: 'scripted by the test proxy' }));
      return;
    }
    const out = https.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: seen.method,
        path: seen.path,
        headers: { ...req.headers, host: upstream.host },
        agent: emulator.agent,
      },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          let body = Buffer.concat(chunks);
          if (seen.method === 'GET' && seen.path === '/') body = Buffer.from(body.toString('utf8').split(`${emulator.endpoint}/`).join(`${self}/`));
          const headers = { ...up.headers, ...added, 'content-length': String(body.length) };
          delete headers['transfer-encoding'];
          res.writeHead(up.statusCode ?? 502, headers);
          res.end(body);
        });
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint: self,
    requests,
    script(fn) {
      faults = fn;
    },
    addHeaders(headers) {
      added = { ...headers };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

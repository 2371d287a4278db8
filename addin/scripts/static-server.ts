/**
 * A small static file server for addin/dist: `npm run dev` (HTTPS with the Office dev certificates) and the
 * add-in bench (plain HTTP on an ephemeral port). Extra routes come first. The browser tests use the real
 * server instead (createApp's add-in route, with its CSP).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.map': 'application/json',
};

/** Returns true when it answered the request. */
export type Route = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export function serveFile(res: ServerResponse, file: string): void {
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
  createReadStream(file).pipe(res);
}

/** The file under `root` for a URL path, or null (never a path outside root). */
export function fileFor(root: string, urlPath: string): string | null {
  const rel = normalize(decodeURIComponent(urlPath.split('?')[0]!)).replace(/^([/\\])+/, '');
  const file = resolve(root, rel);
  if (file !== root && !file.startsWith(root + sep)) return null;
  // Extensionless page URLs find their .html file, as on the server (the manifest's SupportUrl is /support).
  if (!existsSync(file)) return extname(file) === '' && existsSync(`${file}.html`) ? `${file}.html` : null;
  return statSync(file).isDirectory() ? (existsSync(join(file, 'index.html')) ? join(file, 'index.html') : null) : file;
}

export interface StaticServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startStaticServer(options: { root: string; routes?: Route[]; https?: ServerOptions; port?: number }): Promise<StaticServer> {
  const root = resolve(options.root);
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      for (const route of options.routes ?? []) if (await route(req, res)) return;
      const file = fileFor(root, req.url ?? '/');
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      serveFile(res, file);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(err));
    }
  };
  // The handler answers its own errors (500), so nothing is left to reject.
  const serve = (req: IncomingMessage, res: ServerResponse) => void handler(req, res);
  const server = options.https ? createHttpsServer(options.https, serve) : createHttpServer(serve);
  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `${options.https ? 'https' : 'http'}://${options.https ? 'localhost' : '127.0.0.1'}:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

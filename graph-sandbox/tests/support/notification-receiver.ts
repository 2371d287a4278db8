import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  path: string;
  body: { value: Array<Record<string, any>> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- notification JSON
}

/** A local webhook: echoes validation tokens (unless told not to) and records notification POSTs. */
export class NotificationReceiver {
  readonly posts: ReceivedPost[] = [];
  validations = 0;
  echoValidation = true;
  /** Echo the validation token this late; 'never' holds the request open without answering. */
  validationDelayMs: number | 'never' = 0;
  /** The Content-Type of the echo (Graph requires text/plain). */
  validationContentType = 'text/plain';
  /** Echo the token URL-encoded instead of decoded (Graph refuses that). */
  echoEncoded = false;
  /** Notification POSTs for which this returns true are never answered (the sandbox's timeout ends them). */
  holdNotification: (path: string, nthOnPath: number) => boolean = () => false;
  private readonly perPath = new Map<string, number>();
  private server: Server | null = null;
  private waiters: Array<() => void> = [];

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const token = url.searchParams.get('validationToken');
        if (token !== null) {
          this.validations++;
          if (!this.echoValidation) return void res.writeHead(500).end();
          if (this.validationDelayMs === 'never') return;
          const body = this.echoEncoded ? encodeURIComponent(token) : token;
          const echo = () => void res.writeHead(200, { 'Content-Type': this.validationContentType }).end(body);
          return void (this.validationDelayMs > 0 ? setTimeout(echo, this.validationDelayMs) : echo());
        }
        const nth = (this.perPath.get(url.pathname) ?? 0) + 1;
        this.perPath.set(url.pathname, nth);
        if (this.holdNotification(url.pathname, nth)) return;
        this.posts.push({ path: url.pathname, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        res.writeHead(202).end();
        for (const w of this.waiters.splice(0)) w();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  notifications(path = '/notify'): Array<Record<string, any>> {
    return this.posts.filter((p) => p.path === path).flatMap((p) => p.body.value);
  }

  /** Waits until `predicate` holds; the jest timeout bounds the wait. */
  async waitFor(predicate: () => boolean): Promise<void> {
    while (!predicate()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/**
 * The Graph client's last middleware in place of its HTTPMessageHandler (global fetch): the request goes through
 * undici's request() on the given dispatcher and the whole body is read as one Buffer, then handed on as a Response.
 * fetch reads a body through WHATWG streams chunk by chunk, and a sync round reads hundreds of MB of delta pages: in
 * the sync's profile that stream machinery cost more CPU than parsing the pages. A network failure still rejects as
 * fetch's does (TypeError "fetch failed", the cause attached), so callers see the same errors.
 */
import { STATUS_CODES } from 'node:http';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { request, type Dispatcher } from 'undici';

/** Statuses whose Response may carry no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export class BufferedHttpHandler implements Middleware {
  constructor(private readonly dispatcher: Dispatcher) {}

  async execute(context: Context): Promise<void> {
    const input = context.request;
    const url = typeof input === 'string' ? input : input.url;
    const init = context.options ?? {};
    const method = (init.method ?? (typeof input === 'string' ? 'GET' : input.method)).toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init.headers ?? (typeof input === 'string' ? undefined : input.headers)).forEach((value, name) => (headers[name] = value));
    let answer: Dispatcher.ResponseData;
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      answer = await request(url, {
        dispatcher: this.dispatcher,
        method: method as Dispatcher.HttpMethod,
        headers,
        body: (init.body ?? null) as Dispatcher.RequestOptions['body'],
        signal: init.signal ?? undefined,
      });
      bytes = new Uint8Array(await answer.body.arrayBuffer());
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') throw error;
      throw new TypeError('fetch failed', { cause: error });
    }
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (Array.isArray(value)) for (const v of value) responseHeaders.append(name, v);
      else if (value !== undefined) responseHeaders.append(name, value);
    }
    const status = answer.statusCode;
    context.response = new Response(NULL_BODY.has(status) || method === 'HEAD' ? null : bytes, {
      status,
      statusText: STATUS_CODES[status] ?? '',
      headers: responseHeaders,
    });
  }
}

/**
 * A Cosmos container as a repository sees it, recording each call at the SDK (writes with their body's bytes,
 * the partition keys of point operations, queries, reads) and failing the calls a test scripts: a stand-in for a
 * crash or a throttled request at an exact step, never by chance.
 */
import type { Container } from '@azure/cosmos';

export type RecordedOp = 'create' | 'upsert' | 'replace' | 'delete' | 'read';

export interface ContainerLog {
  writes: Array<{ op: 'create' | 'upsert' | 'replace'; id: string; bytes: number }>;
  deletes: string[];
  reads: string[];
  /** Partition keys passed to item(id, key) (point reads, replaces, deletes). */
  keys: unknown[];
  queries: number;
}

/** Returns the error a call fails with, or undefined to let it through (called before the call is made). */
export type ContainerFault = (op: RecordedOp, id: string) => Error | undefined;

export const throttled = (): Error => Object.assign(new Error('Request rate is large'), { code: 429 });
/** What a write meets when the process dies (or the connection drops) before Cosmos answers. */
export const connectionReset = (): Error => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

export function recordingContainer(container: Container, fault: ContainerFault = () => undefined): { container: Container; log: ContainerLog } {
  const log: ContainerLog = { writes: [], deletes: [], reads: [], keys: [], queries: 0 };
  const bind = (target: object, prop: string | symbol) => {
    const value = Reflect.get(target, prop) as unknown;
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  };
  const items = new Proxy(container.items, {
    get(target, prop) {
      if (prop === 'create' || prop === 'upsert')
        return (body: { id: string }) => {
          const error = fault(prop, body.id);
          if (error) return Promise.reject(error);
          log.writes.push({ op: prop, id: body.id, bytes: Buffer.byteLength(JSON.stringify(body)) });
          return target[prop](body);
        };
      if (prop === 'query')
        return (...args: Parameters<Container['items']['query']>) => {
          log.queries++;
          return target.query(...args);
        };
      return bind(target, prop);
    },
  });
  const proxy = new Proxy(container, {
    get(target, prop) {
      if (prop === 'items') return items;
      if (prop === 'item')
        return (id: string, key: Parameters<Container['item']>[1]) => {
          log.keys.push(key);
          const item = target.item(id, key);
          return new Proxy(item, {
            get(t, p) {
              if (p === 'replace')
                return (body: object, o: Parameters<typeof t.replace>[1]) => {
                  const error = fault('replace', id);
                  if (error) return Promise.reject(error);
                  log.writes.push({ op: 'replace', id, bytes: Buffer.byteLength(JSON.stringify(body)) });
                  return t.replace(body, o);
                };
              if (p === 'delete')
                return () => {
                  const error = fault('delete', id);
                  if (error) return Promise.reject(error);
                  log.deletes.push(id);
                  return t.delete();
                };
              if (p === 'read')
                return (...args: Parameters<typeof t.read>) => {
                  const error = fault('read', id);
                  if (error) return Promise.reject(error);
                  log.reads.push(id);
                  return t.read(...args);
                };
              return bind(t, p);
            },
          });
        };
      return bind(target, prop);
    },
  });
  return { container: proxy, log };
}

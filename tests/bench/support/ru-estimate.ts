/**
 * Request units ESTIMATED from Microsoft's published per-size costs, for emulator runs (the emulator charges
 * nothing). https://learn.microsoft.com/azure/cosmos-db/optimize-cost-reads-writes: a point read of a 1 KB item
 * costs 1 RU and of 100 KB 10 RU; a write of 1 KB ≈ 5 RU and of 100 KB ≈ 50 RU (session consistency, default
 * indexing). Between those sizes the cost is interpolated linearly; below 1 KB it is the 1 KB figure. Queries
 * have no published per-size figure: they are estimated as a point read of what they return plus 2 RU (a floor;
 * Microsoft only says queries cost more than point reads). Deletes are costed as a 1 KB write. Query plans and
 * metadata reads are counted but costed 0 and 1 RU.
 */
import type { EmulatorOperation } from './load-emulator';

const KB = 1024;
const WRITE_KINDS = new Set(['create', 'upsert', 'replace', 'patch']);

function interpolate(bytes: number, at1Kb: number, at100Kb: number): number {
  const kb = Math.max(1, bytes / KB);
  return at1Kb + ((kb - 1) * (at100Kb - at1Kb)) / 99;
}

export const pointReadRu = (bytes: number): number => interpolate(bytes, 1, 10);
export const writeRu = (bytes: number): number => interpolate(bytes, 5, 50);

export function estimateRu(op: EmulatorOperation): number {
  switch (op.kind) {
    case 'read':
      return pointReadRu(op.responseBytes);
    case 'create':
    case 'replace':
    case 'upsert':
    case 'patch':
      return writeRu(op.requestBytes);
    case 'delete':
      return writeRu(KB);
    case 'query':
      return 2 + pointReadRu(op.responseBytes);
    case 'queryPlan':
      return 0;
    default:
      return 1;
  }
}

export interface OperationSummary {
  /** Operations by kind (read, create, replace, delete, query, queryPlan, …). */
  ops: Record<string, number>;
  /** Items written (create/replace/upsert/patch requests) and their request bodies' bytes. */
  writes: number;
  bytesWritten: number;
  /** Estimated request units (see above), rounded to 0.1. */
  estimatedRu: number;
}

/** Totals of a list of operations divided by `per` (rounds or requests), rounded to 0.01. */
export function summarise(ops: EmulatorOperation[], per: number): OperationSummary {
  const byKind: Record<string, number> = {};
  let writes = 0;
  let bytesWritten = 0;
  let ru = 0;
  for (const op of ops) {
    byKind[op.kind] = (byKind[op.kind] ?? 0) + 1;
    if (WRITE_KINDS.has(op.kind)) {
      writes++;
      bytesWritten += op.requestBytes;
    }
    ru += estimateRu(op);
  }
  const r2 = (n: number) => Math.round((n / per) * 100) / 100;
  return {
    ops: Object.fromEntries(Object.entries(byKind).map(([k, n]) => [k, r2(n)])),
    writes: r2(writes),
    bytesWritten: Math.round(bytesWritten / per),
    estimatedRu: Math.round((ru / per) * 10) / 10,
  };
}

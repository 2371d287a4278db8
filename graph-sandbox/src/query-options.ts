import { GraphError } from './graph-error';

/** `$select=a,b`: keeps the named properties plus the OData annotations and id, as Graph does. */
export function select<T extends object>(item: T, selectParam: string | null): T {
  if (!selectParam) return item;
  const wanted = new Set(selectParam.split(',').map((s) => s.trim().toLowerCase()));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (key === 'id' || key.startsWith('@odata') || wanted.has(key.toLowerCase()) || key === 'singleValueExtendedProperties') out[key] = value;
  }
  return out as T;
}

/** `$expand=singleValueExtendedProperties($filter=id eq '…')`: the extended property ids to include. */
export function expandedExtendedProperties(expand: string | null): string[] | 'all' | undefined {
  if (!expand) return undefined;
  const match = /^\s*singleValueExtendedProperties\s*(?:\(\s*\$filter\s*=\s*(.+)\))?\s*$/i.exec(expand);
  if (!match)
    throw new GraphError(
      400,
      'BadRequest',
      `Parsing OData Select and Expand failed: Could not find a property named '${expand.split('(')[0]}' on type 'microsoft.graph.event'.`,
    );
  if (!match[1]) return 'all';
  const ids: string[] = [];
  for (const clause of match[1].split(/\s+or\s+/i)) {
    const idMatch = /^\s*id\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(clause);
    if (!idMatch) throw new GraphError(400, 'ErrorInvalidUrlQueryFilter', "The only supported filter on singleValueExtendedProperties is id eq '…'.");
    ids.push((idMatch[1] as string).replace(/''/g, "'"));
  }
  return ids;
}

export function pageSize(requested: number | undefined, top: string | null, defaults: { defaultPageSize: number; maxPageSize: number }): number {
  const fromTop = top ? Number(top) : undefined;
  if (fromTop !== undefined && !(Number.isInteger(fromTop) && fromTop > 0)) {
    throw new GraphError(400, 'BadRequest', `Invalid value '${top}' for $top query option found.`);
  }
  return Math.min(fromTop ?? requested ?? defaults.defaultPageSize, defaults.maxPageSize);
}

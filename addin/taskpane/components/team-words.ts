/** How a rule's teams read: "Sales, Support", or a count where names are not known (yet, or any more). */
export function teamWords(groups: readonly string[], names: ReadonlyMap<string, string>): string {
  const named = groups.flatMap((id) => names.get(id) ?? []);
  const rest = groups.length - named.length;
  if (named.length === 0) return rest === 1 ? '1 team' : `${rest} teams`;
  return rest === 0 ? named.join(', ') : `${named.join(', ')} and ${rest} more ${rest === 1 ? 'team' : 'teams'}`;
}

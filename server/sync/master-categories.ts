/**
 * The mailbox's master category list: every category a rule names must exist there, or Outlook shows it
 * without colour. Missing ones are created with the rule's colour and remembered as CalSync's; only those
 * are recoloured when the scheme changes. A category the person or another tool made is never recoloured,
 * and nothing is ever deleted.
 * Drift (issue #16): an org rule's category that the person recoloured, or that CalSync made and the person
 * deleted, is reported; the tenant's categoryPolicy decides whether CalSync restores it (`enforce`, the default)
 * or leaves the person's choice (`allow`). A same-named category the person made themselves is reported, never touched.
 */
import { categoryKey } from '../../shared';
import type { DriftRecord } from '../store/sync-state';
import type { MailboxGraph } from './mailbox-graph';
import { GraphCallError } from './mailbox-graph';

export interface CategoryWant {
  name: string;
  color: string;
  /** Named by an org rule: part of the organisation's scheme, so a difference is drift. */
  org?: boolean;
}

export type CategoryPolicy = 'enforce' | 'allow';

/** An org category whose colour in the mailbox is not the scheme's, or that CalSync made and is gone. */
export interface CategoryDrift extends DriftRecord {
  /** Whether the round put the scheme back (enforce, and the category is CalSync's to restore). */
  restored: boolean;
}

export interface CreatedCategory {
  id: string;
  color: string;
}

interface MasterCategory {
  id: string;
  displayName: string;
  color: string;
}

export interface CategoryOutcome {
  created: number;
  recoloured: number;
  /** Rule categories that were already in the list (a sign CalSync, or someone, was here before). */
  preexisting: number;
  /** CalSync-created categories (display name → id and colour), updated; a null-prototype object. */
  createdCategories: Record<string, CreatedCategory>;
  drift: CategoryDrift[];
}

export async function ensureMasterCategories(
  graph: MailboxGraph,
  mailboxPath: string,
  wanted: CategoryWant[],
  createdBefore: Record<string, CreatedCategory>,
  dryRun: boolean,
  policy: CategoryPolicy = 'enforce',
): Promise<CategoryOutcome> {
  const list = await graph.call('GET', `${mailboxPath}/outlook/masterCategories`);
  if (list.status !== 200) throw new GraphCallError(`masterCategories answered ${list.status}`, list.status, list.body);
  const existing = new Map<string, MasterCategory>();
  for (const c of (list.body?.value ?? []) as MasterCategory[]) existing.set(categoryKey(c.displayName), c);
  const ours = new Map(Object.entries(createdBefore).map(([name, c]) => [categoryKey(name), { name, ...c }]));
  // Keyed by names anyone can choose: without a prototype, "__proto__" or "constructor" is a name like any other.
  const createdCategories: Record<string, CreatedCategory> = Object.assign(Object.create(null) as Record<string, CreatedCategory>, createdBefore);
  const outcome: CategoryOutcome = { created: 0, recoloured: 0, preexisting: 0, createdCategories, drift: [] };
  /** Org categories CalSync made that the person deleted (not made again by them under the same name). */
  const deleted = new Set<string>();
  // A category CalSync made that someone deleted — even if a same-named one exists now — is no longer CalSync's.
  for (const [key, mine] of ours) {
    if (existing.get(key)?.id === mine.id) continue;
    if (!existing.has(key)) deleted.add(key);
    delete outcome.createdCategories[mine.name];
    ours.delete(key);
  }
  const enforce = policy === 'enforce';
  const writes: Array<Promise<void>> = [];
  for (const want of wanted) {
    const key = categoryKey(want.name);
    const found = existing.get(key);
    if (found) outcome.preexisting++;
    if (want.org && found && found.color !== want.color) {
      // The person's own category, or CalSync's recoloured by them: not a scheme change (that is ours at our colour).
      const theirChoice = !ours.has(key) || ours.get(key)!.color !== found.color;
      if (theirChoice) outcome.drift.push({ category: want.name, expected: want.color, actual: found.color, restored: ours.has(key) && enforce });
      if (theirChoice && !(ours.has(key) && enforce)) continue;
    }
    if (!found && want.org && deleted.has(key)) {
      outcome.drift.push({ category: want.name, expected: want.color, actual: null, restored: enforce });
      // Remembered with no id (never a live category's): still the person's deletion at the next check, so `allow`
      // keeps not making it again, and a switch to `enforce` restores it.
      if (!enforce) {
        outcome.createdCategories[want.name] = { id: '', color: want.color };
        continue;
      }
    }
    if (!found) {
      outcome.created++;
      if (dryRun) continue;
      writes.push(
        graph.call('POST', `${mailboxPath}/outlook/masterCategories`, { body: { displayName: want.name, color: want.color } }).then((r) => {
          // 409: made meanwhile by someone else — then it is not ours.
          if (r.status === 201) outcome.createdCategories[want.name] = { id: String(r.body?.id ?? ''), color: want.color };
          else if (r.status !== 409) throw new GraphCallError(`creating a master category answered ${r.status}`, r.status, r.body);
        }),
      );
    } else if (ours.has(key) && found.color !== want.color) {
      outcome.recoloured++;
      if (dryRun) continue;
      writes.push(
        graph.call('PATCH', `${mailboxPath}/outlook/masterCategories/${encodeURIComponent(found.id)}`, { body: { color: want.color } }).then((r) => {
          if (r.status !== 200) throw new GraphCallError(`recolouring a master category answered ${r.status}`, r.status, r.body);
          delete outcome.createdCategories[ours.get(key)!.name];
          outcome.createdCategories[found.displayName] = { id: found.id, color: want.color };
        }),
      );
    }
  }
  await Promise.all(writes);
  return outcome;
}

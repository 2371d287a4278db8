/**
 * How Outlook colours an event: by its category's entry in that mailbox's master category list (the same
 * name can be red in one mailbox and blue in another). A category missing from the list, or set to `None`,
 * is drawn without colour.
 */
import { categoryKey, presetById } from '../shared';
import type { Mailbox } from '../graph-sandbox/src/model';

export interface CategoryView {
  name: string;
  /** Outlook preset id (`preset0`…`preset24`), or null when Outlook shows no colour. */
  preset: string | null;
  /** What our pages draw for the preset (shared/colors.ts), or null. */
  hex: string | null;
}

export function categoryViews(mailbox: Mailbox, names: readonly string[]): CategoryView[] {
  const byKey = new Map([...mailbox.masterCategories.values()].map((c) => [categoryKey(c.displayName), c.color as string]));
  return names.map((name) => {
    const preset = presetById(byKey.get(categoryKey(name)) ?? '');
    return { name, preset: preset?.id ?? null, hex: preset?.hex ?? null };
  });
}

/**
 * The mailbox's master list as the rule editor's category picker offers it. Its own module, loaded with the
 * editor (services.ts imports it on demand): the pane's first load does not carry it.
 */
import { isPresetId, type PresetId } from '../../shared/colors';
import { getMasterCategories } from './categories';

/** A master-list entry as the editor offers it: Office's "Preset8" as the rules' 'preset8' (undefined for "None"). */
export interface MailboxCategory {
  name: string;
  color: PresetId | undefined;
}

/**
 * The mailbox's master list for the category picker, as Outlook's Categorize menu lists it. A host without
 * Mailbox 1.8 has no `masterCategories` (https://learn.microsoft.com/javascript/api/outlook/office.mastercategories):
 * then, as on any failure, the picker offers the organisation's categories only (an empty list here).
 */
export async function listMailboxCategories(): Promise<MailboxCategory[]> {
  try {
    const details = await getMasterCategories();
    return details.map((d) => {
      const id = `p${String(d.color).slice(1)}`;
      return { name: d.displayName, color: isPresetId(id) ? id : undefined };
    });
  } catch (err) {
    console.warn('CalSync: the mailbox category list was not read; offering the organisation categories only', err);
    return [];
  }
}

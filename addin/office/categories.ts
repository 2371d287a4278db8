/**
 * Outlook categories through Office.js (Mailbox 1.8): the mailbox's master list decides a category's
 * colour; the item carries names. Adding to the master list needs ReadWriteMailbox.
 */
import { categoryKey } from '../../shared/category-key';
import type { PresetId } from '../../shared/colors';
import { officeCall, unsupported } from './office-call';
import { currentMailbox, type AppointmentItem } from './mailbox';
import { isOfficeAdapterError, OfficeAdapterError } from './office-errors';

export interface WantedCategory {
  name: string;
  color: PresetId;
}

export interface ApplyResult {
  addedToMasterList: string[];
  addedToItem: string[];
}

/** 'preset7' → Office.MailboxEnums.CategoryColor.Preset7 ("Preset7"). */
export function officeCategoryColor(preset: PresetId): Office.MailboxEnums.CategoryColor {
  return `P${preset.slice(1)}` as unknown as Office.MailboxEnums.CategoryColor;
}

function masterCategories(): Office.MasterCategories {
  const master = currentMailbox().masterCategories;
  if (!master) throw unsupported('mailbox.masterCategories', 'manage your category list');
  return master;
}

function itemCategories(item: AppointmentItem): Office.Categories {
  if (!item.categories) throw unsupported('item.categories', 'add categories to this event');
  return item.categories;
}

export async function getMasterCategories(): Promise<Office.CategoryDetails[]> {
  const master = masterCategories();
  return (await officeCall<Office.CategoryDetails[]>('masterCategories.getAsync', (cb) => master.getAsync(cb))) ?? [];
}

export async function getItemCategories(item: AppointmentItem): Promise<string[]> {
  const categories = itemCategories(item);
  const details = await officeCall<Office.CategoryDetails[]>('item.categories.getAsync', (cb) => categories.getAsync(cb));
  return (details ?? []).map((d) => d.displayName);
}

function missing(wanted: readonly string[], present: readonly string[]): string[] {
  const have = new Set(present.map(categoryKey));
  const out: string[] = [];
  for (const name of wanted) {
    const key = categoryKey(name);
    if (have.has(key)) continue;
    have.add(key);
    out.push(name);
  }
  return out;
}

/**
 * Office error 5000 on adding to the item: Outlook on the web refuses it in read mode for a meeting someone else
 * organised (office-js 4909), as the web and new Outlook do while composing (the pane does not offer it there).
 */
function sayWhatWasRefused(err: unknown): never {
  if (!isOfficeAdapterError(err) || err.code !== 'operation_refused') throw err;
  throw new OfficeAdapterError(
    'operation_refused',
    "Outlook does not let add-ins add categories to this event (Outlook on the web refuses it for meetings someone else organised). CalSync's sync colours it in your calendar instead.",
    err.operation,
    err.hostCode,
  );
}

/**
 * Adds what is missing, and only that: first to the master list (so the colour shows), then to the item.
 * Existing master categories keep the colour the user gave them.
 */
export async function applyCategories(item: AppointmentItem, wanted: readonly WantedCategory[]): Promise<ApplyResult> {
  const master = masterCategories();
  const categories = itemCategories(item);
  const masterNames = (await getMasterCategories()).map((c) => c.displayName);
  const toMaster = missing(
    wanted.map((w) => w.name),
    masterNames,
  );
  const colorOf = new Map(wanted.map((w) => [categoryKey(w.name), w.color]));
  const addedToMasterList = await addToMasterList(
    master,
    toMaster.map((name) => ({ displayName: name, color: officeCategoryColor(colorOf.get(categoryKey(name)) ?? 'preset0') })),
  );
  const toItem = missing(
    wanted.map((w) => w.name),
    await getItemCategories(item),
  );
  if (toItem.length > 0) await officeCall<void>('item.categories.addAsync', (cb) => categories.addAsync(toItem, cb)).catch(sayWhatWasRefused);
  return { addedToMasterList, addedToItem: toItem };
}

function isDuplicateCategory(err: unknown): boolean {
  return isOfficeAdapterError(err) && err.code === 'duplicate_category';
}

/**
 * Adds categories to the master list; returns the names it added. New Outlook's list can miss categories created
 * in another client (office-js 6484: https://github.com/OfficeDev/office-js/issues/6484), so getAsync says a
 * category is missing and addAsync then answers DuplicateCategory: it is already there, which is all we need.
 * One duplicate fails the whole batch, so after one the rest are added one by one.
 */
async function addToMasterList(master: Office.MasterCategories, details: Office.CategoryDetails[]): Promise<string[]> {
  if (details.length === 0) return [];
  try {
    await officeCall<void>('masterCategories.addAsync', (cb) => master.addAsync(details, cb));
    return details.map((d) => d.displayName);
  } catch (err) {
    if (!isDuplicateCategory(err)) throw err;
  }
  const added: string[] = [];
  for (const detail of details) {
    try {
      await officeCall<void>('masterCategories.addAsync', (cb) => master.addAsync([detail], cb));
      added.push(detail.displayName);
    } catch (err) {
      if (!isDuplicateCategory(err)) throw err;
    }
  }
  return added;
}

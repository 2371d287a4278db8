/**
 * Outlook's category colour presets. A category's colour lives in each mailbox's master category list;
 * the preset id is what Graph and Office.js store, the name is what Outlook shows, and `hex` is what
 * our own UI draws (Outlook's light-theme rendering of each preset).
 * Names: Office.MailboxEnums.CategoryColor lists preset0 Red … preset11 DarkSteel … preset24 DarkCranberry
 * (https://learn.microsoft.com/javascript/api/outlook/office.mailboxenums.categorycolor, and Graph's
 * outlookCategory.color, https://learn.microsoft.com/graph/api/resources/outlookcategory); Outlook's colour menu
 * writes the two-word ones apart and in sentence case ("Dark steel"), as here.
 */
export const OUTLOOK_PRESETS = [
  { id: 'preset0', name: 'Red', hex: '#e7484e' },
  { id: 'preset1', name: 'Orange', hex: '#f1813f' },
  { id: 'preset2', name: 'Brown', hex: '#ac7955' },
  { id: 'preset3', name: 'Yellow', hex: '#f9d23a' },
  { id: 'preset4', name: 'Green', hex: '#4cb860' },
  { id: 'preset5', name: 'Teal', hex: '#40bfa9' },
  { id: 'preset6', name: 'Olive', hex: '#86996b' },
  { id: 'preset7', name: 'Blue', hex: '#3a8ee6' },
  { id: 'preset8', name: 'Purple', hex: '#a36ad8' },
  { id: 'preset9', name: 'Cranberry', hex: '#d3536e' },
  { id: 'preset10', name: 'Steel', hex: '#8ea6b7' },
  { id: 'preset11', name: 'Dark steel', hex: '#4d6e84' },
  { id: 'preset12', name: 'Gray', hex: '#a8a8a8' },
  { id: 'preset13', name: 'Dark gray', hex: '#616161' },
  { id: 'preset14', name: 'Black', hex: '#3b3b3b' },
  { id: 'preset15', name: 'Dark red', hex: '#a12a2f' },
  { id: 'preset16', name: 'Dark orange', hex: '#b4541a' },
  { id: 'preset17', name: 'Dark brown', hex: '#7a5237' },
  { id: 'preset18', name: 'Dark yellow', hex: '#b39016' },
  { id: 'preset19', name: 'Dark green', hex: '#2c7d3c' },
  { id: 'preset20', name: 'Dark teal', hex: '#20806f' },
  { id: 'preset21', name: 'Dark olive', hex: '#5c6b45' },
  { id: 'preset22', name: 'Dark blue', hex: '#1e5aa8' },
  { id: 'preset23', name: 'Dark purple', hex: '#6b3a98' },
  { id: 'preset24', name: 'Dark cranberry', hex: '#8e2a43' },
] as const;

export type PresetId = (typeof OUTLOOK_PRESETS)[number]['id'];
export type OutlookPreset = (typeof OUTLOOK_PRESETS)[number];

export const PRESET_IDS = OUTLOOK_PRESETS.map((p) => p.id) as [PresetId, ...PresetId[]];

const byId = new Map<string, OutlookPreset>(OUTLOOK_PRESETS.map((p) => [p.id, p]));

export function isPresetId(value: unknown): value is PresetId {
  return typeof value === 'string' && byId.has(value);
}

/** The preset for an id, or undefined for `None` and unknown ids (Outlook shows those without colour). */
export function presetById(id: string): OutlookPreset | undefined {
  return byId.get(id);
}

/**
 * Outlook's category colour presets. A category's colour lives in each mailbox's master category list;
 * the preset id is what Graph and Office.js store, the name is what Outlook shows, and `hex` is what
 * our own UI draws (Outlook's light-theme rendering of each preset).
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
  { id: 'preset11', name: 'DarkSteel', hex: '#4d6e84' },
  { id: 'preset12', name: 'Gray', hex: '#a8a8a8' },
  { id: 'preset13', name: 'DarkGray', hex: '#616161' },
  { id: 'preset14', name: 'Black', hex: '#3b3b3b' },
  { id: 'preset15', name: 'DarkRed', hex: '#a12a2f' },
  { id: 'preset16', name: 'DarkOrange', hex: '#b4541a' },
  { id: 'preset17', name: 'DarkBrown', hex: '#7a5237' },
  { id: 'preset18', name: 'DarkYellow', hex: '#b39016' },
  { id: 'preset19', name: 'DarkGreen', hex: '#2c7d3c' },
  { id: 'preset20', name: 'DarkTeal', hex: '#20806f' },
  { id: 'preset21', name: 'DarkOlive', hex: '#5c6b45' },
  { id: 'preset22', name: 'DarkBlue', hex: '#1e5aa8' },
  { id: 'preset23', name: 'DarkPurple', hex: '#6b3a98' },
  { id: 'preset24', name: 'DarkCranberry', hex: '#8e2a43' },
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

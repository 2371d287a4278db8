import { OUTLOOK_PRESETS, PRESET_IDS, isPresetId, presetById } from '../../../shared';

describe('Outlook colour presets', () => {
  test('25 presets, preset0 … preset24, in Outlook order with Outlook names', () => {
    expect(PRESET_IDS).toEqual(Array.from({ length: 25 }, (_, i) => `preset${i}`));
    expect(OUTLOOK_PRESETS.map((p) => p.name).join(',')).toBe(
      'Red,Orange,Brown,Yellow,Green,Teal,Olive,Blue,Purple,Cranberry,Steel,Dark steel,Gray,Dark gray,Black,Dark red,Dark orange,Dark brown,Dark yellow,Dark green,Dark teal,Dark olive,Dark blue,Dark purple,Dark cranberry',
    );
  });

  test('each has a distinct display colour', () => {
    expect(new Set(OUTLOOK_PRESETS.map((p) => p.hex)).size).toBe(25);
    for (const p of OUTLOOK_PRESETS) expect(p.hex).toMatch(/^#[0-9a-f]{6}$/);
  });

  test('None and unknown ids have no preset', () => {
    expect(isPresetId('None')).toBe(false);
    expect(presetById('preset7')?.name).toBe('Blue');
    expect(presetById('None')).toBeUndefined();
  });
});

/** @jest-environment jsdom */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { OUTLOOK_PRESETS, type PresetId } from '../../shared';
import { SwatchPicker } from '../../addin/taskpane/components/SwatchPicker';

function Harness({ onChange }: { onChange: (p: PresetId) => void }) {
  const [value, setValue] = useState<PresetId>('preset7');
  return (
    <FluentProvider theme={webLightTheme}>
      <span id="colour-label">Category colour</span>
      <SwatchPicker
        value={value}
        labelId="colour-label"
        onChange={(p) => {
          setValue(p);
          onChange(p);
        }}
      />
    </FluentProvider>
  );
}

describe('swatch picker', () => {
  it('offers the 25 Outlook presets by name, in preset order, with the current one selected', () => {
    render(<Harness onChange={() => undefined} />);
    // Fluent's grid layout is an ARIA grid: arrow keys move in two dimensions, aria-selected marks the choice.
    const group = screen.getByRole('grid', { name: 'Category colour' });
    const swatches = within(group).getAllByRole('gridcell');
    expect(swatches.map((s) => s.getAttribute('aria-label'))).toEqual(OUTLOOK_PRESETS.map((p) => p.name));
    expect(swatches.filter((s) => s.getAttribute('aria-selected') === 'true').map((s) => s.getAttribute('aria-label'))).toEqual(['Blue']);
    expect(screen.getByText('Colour: Blue')).toBeTruthy();
  });

  it('selects a preset by click, reporting its preset id (keyboard selection: browser test)', () => {
    const picked: PresetId[] = [];
    render(<Harness onChange={(p) => picked.push(p)} />);
    fireEvent.click(screen.getByRole('gridcell', { name: 'Dark blue' }));
    expect(picked).toEqual(['preset22']);
    expect(screen.getByText('Colour: Dark blue')).toBeTruthy();
    fireEvent.click(screen.getByRole('gridcell', { name: 'Teal' }));
    expect(picked).toEqual(['preset22', 'preset5']);
    expect(
      screen
        .getAllByRole('gridcell')
        .filter((s) => s.getAttribute('aria-selected') === 'true')
        .map((s) => s.getAttribute('aria-label')),
    ).toEqual(['Teal']);
  });
});

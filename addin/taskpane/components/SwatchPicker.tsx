/** The 25 Outlook colour presets, by name: Fluent's swatch grid (arrow keys move, Enter or Space picks). */
import { ColorSwatch, SwatchPicker as FluentSwatchPicker, SwatchPickerRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { OUTLOOK_PRESETS, type PresetId } from '../../../shared/colors';
import { colourName } from '../../../shared/outlook-words';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

const COLUMNS = 5;
const rows = Array.from({ length: Math.ceil(OUTLOOK_PRESETS.length / COLUMNS) }, (_, i) => OUTLOOK_PRESETS.slice(i * COLUMNS, (i + 1) * COLUMNS));

export interface SwatchPickerProps {
  value: PresetId;
  onChange: (preset: PresetId) => void;
  labelId: string;
}

export function SwatchPicker({ value, onChange, labelId }: SwatchPickerProps) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <FluentSwatchPicker
        layout="grid"
        aria-labelledby={labelId}
        selectedValue={value}
        onSelectionChange={(_, data) => onChange(data.selectedValue as PresetId)}
        size="small"
      >
        {rows.map((row, i) => (
          <SwatchPickerRow key={i}>
            {row.map((preset) => (
              <ColorSwatch key={preset.id} value={preset.id} color={preset.hex} aria-label={preset.name} title={preset.name} />
            ))}
          </SwatchPickerRow>
        ))}
      </FluentSwatchPicker>
      <Text size={200} aria-live="polite">
        Colour: {colourName(value)}
      </Text>
    </div>
  );
}

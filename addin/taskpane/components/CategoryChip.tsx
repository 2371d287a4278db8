/** A category name with its Outlook colour, as the preview and the rule list show it. */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { presetById } from '../../../shared/colors';

const useStyles = makeStyles({
  chip: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  dot: { width: '10px', height: '10px', borderRadius: '50%', flexShrink: 0 },
  noColour: { border: `1px dashed ${tokens.colorNeutralStroke1}` },
  /** The colour's name, for screen readers: the dot alone says nothing to them. */
  visuallyHidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
});

export function CategoryChip({ name, color }: { name: string; color?: string }) {
  const styles = useStyles();
  const preset = color ? presetById(color) : undefined;
  return (
    <span className={styles.chip} data-testid="category-chip">
      <span className={mergeClasses(styles.dot, !preset && styles.noColour)} aria-hidden="true" style={preset ? { background: preset.hex } : undefined} />
      <span>{name}</span>
      {preset && <span className={styles.visuallyHidden}>({preset.name})</span>}
    </span>
  );
}

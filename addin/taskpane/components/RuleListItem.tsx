/**
 * One rule in the list: enable switch, move up/down (buttons or Alt+Arrow on the row), edit, delete.
 * Read-only rules (org rules for non-admins) show the same facts without the controls.
 */
import { Button, Caption1, Switch, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowDownRegular, ArrowUpRegular, DeleteRegular, EditRegular } from '@fluentui/react-icons';
import { describeCondition, stopWords } from '../../../shared/outlook-words';
import type { ApiRule } from '../../api/api-types';
import { displayClock } from '../../office/display-language';
import { CategoryChip } from './CategoryChip';

const useStyles = makeStyles({
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    ':focus-within': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  top: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, justifyContent: 'space-between' },
  controls: { display: 'flex', alignItems: 'center' },
  when: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  /** An off rule reads as off at a glance: muted text and a dashed edge, still legible (contrast holds). */
  off: { color: tokens.colorNeutralForeground3, borderLeft: `3px dashed ${tokens.colorNeutralStroke1}` },
});

export interface RuleListItemProps {
  rule: ApiRule;
  /** The teams an org rule is for, in words ("Sales, Support"); absent for a rule for everyone. */
  teams?: string;
  editable: boolean;
  isFirst: boolean;
  isLast: boolean;
  busy: boolean;
  onToggle: () => void;
  onMove: (delta: -1 | 1) => void;
  onEdit: () => void;
  onDelete: () => void;
}

export function RuleListItem({ rule, teams, editable, isFirst, isLast, busy, onToggle, onMove, onEdit, onDelete }: RuleListItemProps) {
  const styles = useStyles();
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!editable || !e.altKey) return;
    if (e.key === 'ArrowUp' && !isFirst) {
      e.preventDefault();
      onMove(-1);
    } else if (e.key === 'ArrowDown' && !isLast) {
      e.preventDefault();
      onMove(1);
    }
  };
  return (
    <li
      className={mergeClasses(styles.item, !rule.enabled && styles.off)}
      data-rule-id={rule.id}
      data-enabled={rule.enabled}
      onKeyDown={onKeyDown}
      aria-label={rule.name}
    >
      <div className={styles.top}>
        <Text weight="semibold">{rule.name}</Text>
        <CategoryChip name={rule.then.category} color={rule.then.color} />
      </div>
      {teams && <Caption1>For {teams}</Caption1>}
      <Caption1 className={styles.when}>
        {describeCondition(rule.when, displayClock)}
        {stopWords(rule.then.stop)}
      </Caption1>
      {editable ? (
        <div className={styles.controls}>
          <Switch label={rule.enabled ? 'On' : 'Off'} checked={rule.enabled} disabled={busy} onChange={onToggle} aria-label={`Enable ${rule.name}`} />
          <Button appearance="subtle" icon={<ArrowUpRegular />} aria-label={`Move ${rule.name} up`} disabled={busy || isFirst} onClick={() => onMove(-1)} />
          <Button appearance="subtle" icon={<ArrowDownRegular />} aria-label={`Move ${rule.name} down`} disabled={busy || isLast} onClick={() => onMove(1)} />
          <Button appearance="subtle" icon={<EditRegular />} aria-label={`Edit ${rule.name}`} onClick={onEdit} />
          <Button appearance="subtle" icon={<DeleteRegular />} aria-label={`Delete ${rule.name}`} disabled={busy} onClick={onDelete} />
        </div>
      ) : (
        <Caption1>{rule.enabled ? 'On' : 'Off'} · set by your organisation</Caption1>
      )}
    </li>
  );
}

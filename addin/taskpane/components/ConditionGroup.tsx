/** A group of conditions joined by "all" or "any"; groups nest (up to a few levels, to stay readable). */
import { Button, Checkbox, Select, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { newGroup, newPredicate, type DraftCondition, type DraftGroup } from '../state/condition-draft';
import { PredicateRow } from './PredicateRow';

const MAX_UI_DEPTH = 3;

const useStyles = makeStyles({
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  header: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export interface ConditionGroupProps {
  group: DraftGroup;
  label: string;
  depth: number;
  onChange: (next: DraftGroup) => void;
  onRemove?: () => void;
  /** The issue to show at a predicate's value control, by the predicate's key. */
  valueIssueOf?: (key: string) => string | undefined;
}

export function ConditionGroup({ group, label, depth, onChange, onRemove, valueIssueOf }: ConditionGroupProps) {
  const styles = useStyles();
  const setChild = (key: string, next: DraftCondition | null) =>
    onChange({ ...group, children: next ? group.children.map((c) => (c.key === key ? next : c)) : group.children.filter((c) => c.key !== key) });

  return (
    <div className={styles.group} role="group" aria-label={label}>
      <div className={styles.header}>
        {depth > 0 && (
          <Checkbox label="not" checked={group.negate} onChange={(_, d) => onChange({ ...group, negate: d.checked === true })} aria-label={`${label}: not`} />
        )}
        <Select aria-label={`${label}: match`} value={group.mode} onChange={(_, d) => onChange({ ...group, mode: d.value as 'all' | 'any' })}>
          <option value="all">All of these hold</option>
          <option value="any">Any of these holds</option>
        </Select>
        {onRemove && <Button appearance="subtle" icon={<DeleteRegular />} aria-label={`Remove ${label.toLowerCase()}`} onClick={onRemove} />}
      </div>
      {group.children.map((child, i) => {
        const childLabel = `${label}, ${child.kind === 'group' ? 'group' : 'condition'} ${i + 1}`;
        return child.kind === 'group' ? (
          <ConditionGroup
            key={child.key}
            group={child}
            label={childLabel}
            depth={depth + 1}
            onChange={(next) => setChild(child.key, next)}
            onRemove={() => setChild(child.key, null)}
            valueIssueOf={valueIssueOf}
          />
        ) : (
          <PredicateRow
            key={child.key}
            predicate={child}
            label={childLabel}
            onChange={(next) => setChild(child.key, next)}
            onRemove={() => setChild(child.key, null)}
            valueIssue={valueIssueOf?.(child.key)}
          />
        );
      })}
      <div className={styles.actions}>
        <Button size="small" icon={<AddRegular />} onClick={() => onChange({ ...group, children: [...group.children, newPredicate()] })}>
          Add condition
        </Button>
        {depth < MAX_UI_DEPTH && (
          <Button
            size="small"
            icon={<AddRegular />}
            onClick={() => onChange({ ...group, children: [...group.children, newGroup(group.mode === 'all' ? 'any' : 'all')] })}
          >
            Add group
          </Button>
        )}
      </div>
    </div>
  );
}

/** One condition: field → the operators that fit it → a typed value; plus "not" and case sensitivity. */
import { Button, Checkbox, Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import { DeleteRegular } from '@fluentui/react-icons';
import { FIELD_NAMES, FIELDS, OPS_BY_TYPE, type FieldName } from '../../../shared/fields';
import { fieldLabel, operatorLabel } from '../../../shared/outlook-words';
import { withField, withOp, type DraftPredicate } from '../state/condition-draft';
import { ValueInput } from './ValueInput';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'center',
    padding: tokens.spacingVerticalXS,
    borderLeft: `2px solid ${tokens.colorNeutralStroke2}`,
  },
});

export interface PredicateRowProps {
  predicate: DraftPredicate;
  label: string;
  onChange: (next: DraftPredicate) => void;
  onRemove: () => void;
  /** What is wrong with the value, in words: shown at the value control, which is marked invalid. */
  valueIssue?: string;
}

/**
 * A Field gives its one control an id, aria-invalid and the message: only values drawn as one control can sit in
 * one (a range is two inputs, a multi-choice several checkboxes; their issues are listed under the conditions).
 */
export function hasSingleValueControl(p: DraftPredicate): boolean {
  return p.op !== 'between' && !(FIELDS[p.field].type === 'enum' && p.op === 'in');
}

export function PredicateRow({ predicate, label, onChange, onRemove, valueIssue }: PredicateRowProps) {
  const styles = useStyles();
  const type = FIELDS[predicate.field].type;
  const isText = type === 'text' || type === 'list';
  return (
    <div className={styles.row} role="group" aria-label={label}>
      <Checkbox
        label="not"
        checked={predicate.negate}
        onChange={(_, d) => onChange({ ...predicate, negate: d.checked === true })}
        aria-label={`${label}: not`}
      />
      <Select aria-label={`${label} field`} value={predicate.field} onChange={(_, d) => onChange(withField(predicate, d.value as FieldName))}>
        {FIELD_NAMES.map((f) => (
          <option key={f} value={f}>
            {fieldLabel(f)}
          </option>
        ))}
      </Select>
      <Select aria-label={`${label} operator`} value={predicate.op} onChange={(_, d) => onChange(withOp(predicate, d.value))}>
        {OPS_BY_TYPE[type].map((op) => (
          <option key={op} value={op}>
            {operatorLabel(op)}
          </option>
        ))}
      </Select>
      {/* Always in its Field when it can be (not only once invalid): re-parenting would remount the input mid-typing. */}
      {hasSingleValueControl(predicate) ? (
        <Field validationState={valueIssue ? 'error' : 'none'} validationMessage={valueIssue}>
          <ValueInput key={`${predicate.field}/${predicate.op}`} predicate={predicate} label={label} onChange={(value) => onChange({ ...predicate, value })} />
        </Field>
      ) : (
        <ValueInput key={`${predicate.field}/${predicate.op}`} predicate={predicate} label={label} onChange={(value) => onChange({ ...predicate, value })} />
      )}
      {isText && predicate.op !== 'matches' && (
        <Checkbox label="match case" checked={predicate.caseSensitive} onChange={(_, d) => onChange({ ...predicate, caseSensitive: d.checked === true })} />
      )}
      <Button appearance="subtle" icon={<DeleteRegular />} aria-label={`Remove ${label.toLowerCase()}`} onClick={onRemove} />
    </div>
  );
}

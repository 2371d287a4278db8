/** The value control that fits a field's type and operator: text, list, number, range, yes/no, choice, time. */
import { Checkbox, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { FIELDS, type FieldType } from '../../../shared/fields';
import { choiceLabel, yesNo } from '../../../shared/outlook-words';
import { displayLocale } from '../../office/display-language';
import type { DraftPredicate, PredicateValue } from '../state/condition-draft';
import { TimeSelect } from './TimeSelect';

const useStyles = makeStyles({
  pair: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  choices: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
});

export interface ValueInputProps {
  predicate: DraftPredicate;
  onChange: (value: PredicateValue) => void;
  /** Names this row for screen readers, e.g. "Condition 2". */
  label: string;
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function ValueInput({ predicate, onChange, label }: ValueInputProps) {
  const styles = useStyles();
  const spec = FIELDS[predicate.field] as { type: FieldType; values?: readonly string[] };
  const { op, value } = predicate;

  switch (spec.type) {
    case 'boolean':
      return (
        <Select aria-label={`${label} value`} value={String(value)} onChange={(_, d) => onChange(d.value === 'true')}>
          <option value="true">{yesNo(true)}</option>
          <option value="false">{yesNo(false)}</option>
        </Select>
      );
    case 'number':
      if (op === 'between') {
        const [lo, hi] = value as number[];
        return (
          <span className={styles.pair}>
            <Input type="number" aria-label={`${label} from`} value={String(lo ?? 0)} onChange={(_, d) => onChange([Number(d.value), hi ?? 0])} />
            <Input type="number" aria-label={`${label} to`} value={String(hi ?? 0)} onChange={(_, d) => onChange([lo ?? 0, Number(d.value)])} />
          </span>
        );
      }
      return <Input type="number" aria-label={`${label} value`} value={String(value)} onChange={(_, d) => onChange(Number(d.value))} />;
    case 'time': {
      // Not <input type="time">: the browser draws that in its own locale's clock, not Office's (issue #13).
      const locale = displayLocale();
      if (op === 'between') {
        const [from, to] = value as string[];
        return (
          <span className={styles.pair}>
            <TimeSelect label={`${label} from`} locale={locale} value={from ?? ''} onChange={(t) => onChange([t, to ?? ''])} />
            <TimeSelect label={`${label} to`} locale={locale} value={to ?? ''} onChange={(t) => onChange([from ?? '', t])} />
          </span>
        );
      }
      return <TimeSelect label={`${label} value`} locale={locale} value={String(value)} onChange={onChange} />;
    }
    case 'enum':
      if (op === 'in') {
        const chosen = new Set(value as string[]);
        return (
          <span className={styles.choices} role="group" aria-label={`${label} values`}>
            {spec.values!.map((v) => (
              <Checkbox
                key={v}
                label={choiceLabel(predicate.field, v)}
                checked={chosen.has(v)}
                onChange={(_, d) => onChange(spec.values!.filter((x) => (x === v ? d.checked === true : chosen.has(x))))}
              />
            ))}
          </span>
        );
      }
      return (
        <Select aria-label={`${label} value`} value={String(value)} onChange={(_, d) => onChange(d.value)}>
          {spec.values!.map((v) => (
            <option key={v} value={v}>
              {choiceLabel(predicate.field, v)}
            </option>
          ))}
        </Select>
      );
    default:
      if (op === 'in' || op === 'notIn') {
        return (
          <Input
            aria-label={`${label} values, separated by commas`}
            placeholder="a, b, c"
            defaultValue={(value as string[]).join(', ')}
            onChange={(_, d) => onChange(splitList(d.value))}
          />
        );
      }
      return (
        <Input
          aria-label={`${label} value`}
          value={String(value)}
          onChange={(_, d) => onChange(d.value)}
          placeholder={op === 'matches' ? 'RE2 pattern' : undefined}
        />
      );
  }
}

/** A time of day as a choice of quarter hours, written the way the Office display language writes times. */
import { Select } from '@fluentui/react-components';
import { formatClock } from '../../../shared/display-time';

const pad = (n: number) => String(n).padStart(2, '0');
/** 00:00, 00:15, … 23:45: the rule model stores "HH:mm", and quarter hours cover how meetings are set. */
const QUARTER_HOURS = Array.from({ length: 96 }, (_, i) => `${pad(Math.floor(i / 4))}:${pad((i % 4) * 15)}`);

export interface TimeSelectProps {
  label: string;
  locale: string;
  value: string;
  onChange: (hhmm: string) => void;
}

export function TimeSelect({ label, locale, value, onChange }: TimeSelectProps) {
  // A time off the quarter-hour grid (an imported rule's 09:10) stays choosable rather than silently changed.
  const times = value && !QUARTER_HOURS.includes(value) ? [...QUARTER_HOURS, value].sort() : QUARTER_HOURS;
  return (
    <Select aria-label={label} value={value} onChange={(_, d) => onChange(d.value)}>
      {times.map((t) => (
        <option key={t} value={t}>
          {formatClock(t, locale)}
        </option>
      ))}
    </Select>
  );
}

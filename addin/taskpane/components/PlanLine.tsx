/** The Admin tab's plan line: seats used of bought, when the term ends, and warnings as either comes near. */
import { Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiMe } from '../../../shared/api-types';
import { planWords } from './plan-words';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', padding: `0 ${tokens.spacingHorizontalM}` },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

/** `used`: mailboxes enrolled by name; null when enrolment is 'all' (the sync status line counts those). */
export function PlanLine({ me, used, now = new Date() }: { me: Pick<ApiMe, 'plan' | 'renewal'>; used: number | null; now?: Date }) {
  const styles = useStyles();
  const words = planWords(me, used, now);
  return (
    <section className={styles.root} aria-label="Plan">
      <Text>{words.line}</Text>
      {words.warnings.map((w) => (
        <Caption1 key={w} className={styles.warning} role="status">
          {w}
        </Caption1>
      ))}
    </section>
  );
}

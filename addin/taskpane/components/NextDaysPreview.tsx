/** "Next 7 days": the user's upcoming events with the categories the rules (and the draft) would give them. */
import { Button, Caption1, MessageBar, MessageBarActions, MessageBarBody, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatWallStart } from '../../../shared/display-time';
import type { RuleDraft } from '../../../shared/schema';
import { displayLocale } from '../../office/display-language';
import { NEXT_DAYS, useNextDays } from '../state/use-next-days';
import type { TaskpaneServices } from '../services';
import { CategoryChip } from './CategoryChip';
import { describeError, isRetryable } from './describe-error';
import { useRetryAction } from './sign-in';
import { LoadingSkeleton } from './LoadingSkeleton';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  chips: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** Graph already gave the mailbox's wall-clock time; written as Outlook writes it in the display language. */
function when(ev: { start?: unknown; isAllDay?: unknown }, locale: string): string {
  const dateTime = (ev.start as { dateTime?: string } | undefined)?.dateTime ?? '';
  return formatWallStart(dateTime, locale, ev.isAllDay === true);
}

/** "matches 12 events in the next 7 days": whether the draft does anything, before it is saved. */
const matchCount = (n: number) => `This rule matches ${n ? `${n} event${n === 1 ? '' : 's'}` : 'no event'} in the next ${NEXT_DAYS} days.`;

export interface NextDaysPreviewProps {
  services: TaskpaneServices;
  draft: RuleDraft | null;
  /** The saved rules as the pane shows them: a change re-runs the preview. */
  savedRules: unknown;
}

export function NextDaysPreview({ services, draft, savedRules }: NextDaysPreviewProps) {
  const styles = useStyles();
  const { state, load, available } = useNextDays(services, draft, savedRules);
  const retry = useRetryAction(state.phase === 'failed' ? state.error : null, () => void load());
  const locale = displayLocale();
  if (!available) return null;
  return (
    <section className={styles.section} aria-labelledby="next-days-heading">
      <Subtitle2 as="h2" id="next-days-heading">
        Next {NEXT_DAYS} days
      </Subtitle2>
      {(state.phase === 'idle' || state.phase === 'loading') && <LoadingSkeleton label="Reading your calendar" bars={[16]} />}
      {state.phase === 'failed' && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {describeError(state.error)}
            {retry.failure !== null && <div>{describeError(retry.failure)}</div>}
          </MessageBarBody>
          {isRetryable(state.error) && (
            <MessageBarActions>
              <Button onClick={retry.run}>{retry.label}</Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {draft && (
        <Text role="status" weight="semibold">
          {state.phase === 'ready' && state.draft === draft ? matchCount(state.draftMatches) : state.phase === 'failed' ? '' : 'Counting matches…'}
        </Text>
      )}
      {state.phase === 'ready' &&
        (state.events.length === 0 ? (
          <Text>No events in the next {NEXT_DAYS} days.</Text>
        ) : (
          <ul className={styles.list} aria-label={`Your next ${NEXT_DAYS} days`}>
            {state.events.map((ev, i) => {
              const result = ev.id ? state.results.get(ev.id) : undefined;
              const categories = result?.categories ?? [];
              const colorOf = (c: string) => result?.matches.find((m) => m.category === c)?.color;
              return (
                <li key={ev.id ?? i} aria-label={String(ev.subject ?? '(no subject)')}>
                  <Caption1>{when(ev, locale)}</Caption1> <Text weight="semibold">{String(ev.subject ?? '(no subject)')}</Text>
                  <div className={styles.chips}>
                    {categories.length === 0 ? <Caption1>no category</Caption1> : categories.map((c) => <CategoryChip key={c} name={c} color={colorOf(c)} />)}
                  </div>
                </li>
              );
            })}
          </ul>
        ))}
    </section>
  );
}

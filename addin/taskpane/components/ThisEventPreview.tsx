/** "This event": the categories the rules give the open appointment, and why each rule matched. */
import { Button, Caption1, MessageBar, MessageBarActions, MessageBarBody, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { TagRegular } from '@fluentui/react-icons';
import type { Evaluation } from '../../../shared/rule-set';
import type { EventState } from '../state/use-this-event';
import { CategoryChip } from './CategoryChip';
import { describeError, isRetryable } from './describe-error';
import { LoadingSkeleton } from './LoadingSkeleton';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  chips: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  why: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export type ApplyState = { phase: 'idle' } | { phase: 'applying' } | { phase: 'done'; added: string[] } | { phase: 'failed'; error: unknown };

export interface ThisEventPreviewProps {
  eventState: EventState;
  preview: { evaluation: Evaluation; colorOf: (c: string) => string | undefined } | null;
  applyState: ApplyState;
  onApply: () => void;
  /** Outlook refuses categories while this event is composed (web, new Outlook): say when it gets them instead of offering Apply. */
  colouredOnSave?: boolean;
  /** Reads the event again after a failed read. */
  onRetryRead: () => void;
  /** Team rules left out for you because you are not in their teams: the rule's name and its teams in words. */
  notForYou?: ReadonlyArray<{ ruleName: string; teams: string; oneTeam: boolean }>;
}

export function ThisEventPreview({ eventState, preview, applyState, onApply, colouredOnSave = false, onRetryRead, notForYou = [] }: ThisEventPreviewProps) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby="this-event-heading">
      <Subtitle2 as="h2" id="this-event-heading">
        This event
      </Subtitle2>
      {eventState.phase === 'loading' && <LoadingSkeleton label="Reading the event" bars={[16]} />}
      {eventState.phase === 'failed' && (
        <MessageBar intent="warning">
          <MessageBarBody>{describeError(eventState.error)}</MessageBarBody>
          {isRetryable(eventState.error) && (
            <MessageBarActions>
              <Button onClick={onRetryRead}>Retry</Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {eventState.phase === 'ready' && preview && (
        <div aria-live="polite" data-testid="this-event-result">
          {preview.evaluation.categories.length === 0 ? (
            <Text>No rule matches this event.</Text>
          ) : (
            <>
              <div className={styles.chips} aria-label="Categories this event gets">
                {preview.evaluation.categories.map((c) => (
                  <CategoryChip key={c} name={c} color={preview.colorOf(c)} />
                ))}
              </div>
              {preview.evaluation.matches.map((m) => (
                <div key={m.ruleId}>
                  <Text weight="semibold">{m.ruleName}</Text> <Caption1>→ {m.category}</Caption1>
                  <ul className={styles.why} aria-label={`Why ${m.ruleName} matched`}>
                    {m.why.map((w, i) => (
                      <li key={i}>
                        <Caption1>{w}</Caption1>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </>
          )}
          {notForYou.length > 0 && (
            <ul className={styles.why} aria-label="Rules not checked for you">
              {notForYou.map((r) => (
                <li key={r.ruleName}>
                  <Caption1>
                    {r.ruleName} was not checked: it is for {r.teams}, and you are not in {r.oneTeam ? 'that team' : 'any of them'}.
                  </Caption1>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {eventState.phase === 'ready' && preview && preview.evaluation.categories.length > 0 && colouredOnSave && (
        <Text data-testid="coloured-on-save">CalSync colours this event as soon as it is saved.</Text>
      )}
      {eventState.phase === 'ready' && preview && preview.evaluation.categories.length > 0 && !colouredOnSave && (
        <Button icon={<TagRegular />} onClick={onApply} disabled={applyState.phase === 'applying'}>
          {applyState.phase === 'applying' ? 'Applying…' : 'Apply to this event'}
        </Button>
      )}
      {applyState.phase === 'done' && (
        <MessageBar intent="success">
          <MessageBarBody>{applyState.added.length > 0 ? `Added ${applyState.added.join(', ')}.` : 'This event already has these categories.'}</MessageBarBody>
        </MessageBar>
      )}
      {applyState.phase === 'failed' && (
        <MessageBar intent="error">
          <MessageBarBody>{describeError(applyState.error)}</MessageBarBody>
          {isRetryable(applyState.error) && (
            <MessageBarActions>
              <Button onClick={onApply}>Retry</Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
    </section>
  );
}

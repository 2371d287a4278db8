/** The Admin tab's "Colour scheme": which org categories enrolled mailboxes show in other colours, or deleted. */
import { useEffect, useState } from 'react';
import { Button, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiDriftReport } from '../../../shared/api-types';
import type { SyncStatusApi } from '../../api/sync-status-api';
import { driftPolicyWords, driftWords } from './drift-words';
import { syncCallErrorWords } from './sync-status-words';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** `refreshKey`: changes when the saved settings change (their ETag), and the drift is read again. */
export function CategoryDriftList({ api, refreshKey }: { api: Pick<SyncStatusApi, 'drift' | 'restoreScheme'>; refreshKey?: string }) {
  const styles = useStyles();
  const [report, setReport] = useState<ApiDriftReport | null>(null);
  const [problem, setProblem] = useState('');
  const [restoring, setRestoring] = useState(false);
  const [restoreNote, setRestoreNote] = useState('');

  const restore = () => {
    setRestoring(true);
    api
      .restoreScheme()
      .then(
        (n) =>
          setRestoreNote(
            n === 1
              ? 'Queued for 1 mailbox: its colours are set back at its next round.'
              : `Queued for ${n} mailboxes: their colours are set back at their next rounds.`,
          ),
        (err: unknown) => setRestoreNote(`Could not set the colours back: ${syncCallErrorWords(err)}`),
      )
      .finally(() => setRestoring(false));
  };

  useEffect(() => {
    let live = true;
    api.drift().then(
      (r) => live && (setReport(r), setProblem('')),
      (err: unknown) => live && setProblem(`Colour drift unavailable: ${syncCallErrorWords(err)}`),
    );
    return () => {
      live = false;
    };
  }, [api, refreshKey]);

  return (
    <section className={styles.root} aria-labelledby="colour-scheme-heading">
      <Subtitle2 as="h3" id="colour-scheme-heading">
        Colour scheme
      </Subtitle2>
      {problem && <Caption1 role="status">{problem}</Caption1>}
      {report && report.items.length > 0 && (
        <ul className={styles.list} aria-label="Categories in other colours">
          {report.items.map((d) => (
            <li key={d.category}>{driftWords(d)}</li>
          ))}
        </ul>
      )}
      {report && <Caption1>{driftPolicyWords(report)}</Caption1>}
      {report && report.items.length > 0 && (
        <Button disabled={restoring} onClick={restore}>
          Set the organisation&apos;s colours back now
        </Button>
      )}
      {restoreNote && <Caption1 role="status">{restoreNote}</Caption1>}
    </section>
  );
}

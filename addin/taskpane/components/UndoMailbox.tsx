/**
 * The Admin tab's "Take CalSync's colours off a calendar": for someone no longer enrolled (they left the teams kept
 * in sync, or were taken off the list), whose events keep CalSync's categories until an admin removes them — what
 * `calsync undo --mailbox` does, queued for the background sync. Only what CalSync added goes; the person's own
 * categories stay. The server refuses a mailbox that is still enrolled (its next round would colour it again).
 */
import { useState } from 'react';
import { Button, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { SyncStatusApi } from '../../api/sync-status-api';
import { PeoplePicker } from './PeoplePicker';
import { syncCallErrorWords } from './sync-status-words';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

export function UndoMailbox({ api }: { api: Pick<SyncStatusApi, 'searchDirectory' | 'undo'> }) {
  const styles = useStyles();
  const [chosen, setChosen] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const pick = (address: string) => {
    setChosen(address.trim().toLowerCase());
    setNote('');
  };
  const remove = (address: string) => {
    setBusy(true);
    api
      .undo(address)
      .then(
        () => {
          setNote(`Queued: CalSync's colours leave ${address}'s calendar at its next round.`);
          setChosen(null);
        },
        (err: unknown) => setNote(`Could not remove the colours from ${address}: ${syncCallErrorWords(err)}`),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section className={styles.root} aria-labelledby="undo-heading">
      <Subtitle2 as="h3" id="undo-heading">
        Take CalSync&apos;s colours off a calendar
      </Subtitle2>
      <Caption1>For someone no longer enrolled: removes the categories CalSync added to their events. Categories they set themselves stay.</Caption1>
      <PeoplePicker api={api} label="Person no longer enrolled" onPick={pick} onMessage={setNote} />
      {chosen && (
        <Button disabled={busy} onClick={() => remove(chosen)}>
          Remove CalSync&apos;s colours from {chosen}
        </Button>
      )}
      {note && <Caption1 role="status">{note}</Caption1>}
    </section>
  );
}

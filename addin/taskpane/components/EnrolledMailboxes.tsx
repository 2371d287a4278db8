/**
 * Enrolled mailboxes as a list: a people picker (directory search through the API) adds people, each row shows
 * the mailbox's sync status and offers "Sync now" and Remove. With every mailbox enrolled the rows come from the
 * sync status alone and cannot be removed. The list is the form's: nothing is enrolled until settings are saved.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiMailboxStatus } from '../../../shared/api-types';
import type { SyncStatusApi } from '../../api/sync-status-api';
import { PeoplePicker } from './PeoplePicker';
import { mailboxStatusWords, syncCallErrorWords } from './sync-status-words';

type SyncApi = Pick<SyncStatusApi, 'syncMailboxes' | 'syncNow' | 'searchDirectory'>;

const ADDRESS = /^[^\s@,;<>]{1,64}@[a-z0-9.-]{1,253}$/i;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  who: { display: 'flex', flexDirection: 'column', flexGrow: 1, flexBasis: '12rem', minWidth: 0, overflowWrap: 'anywhere' },
});

export interface EnrolledMailboxesProps {
  api: SyncApi;
  /** The form's list (lower-case addresses); ignored when `everyMailbox`. */
  mailboxes: string[];
  everyMailbox: boolean;
  onChange(mailboxes: string[]): void;
  /** Changes when the saved settings change (their ETag): the statuses are read again. */
  refreshKey?: string;
}

export function EnrolledMailboxes({ api, mailboxes, everyMailbox, onChange, refreshKey }: EnrolledMailboxesProps) {
  const styles = useStyles();
  const [statuses, setStatuses] = useState<ApiMailboxStatus[]>([]);
  const [message, setMessage] = useState('');

  const loadStatuses = useCallback(async () => {
    try {
      setStatuses(await api.syncMailboxes());
    } catch (err) {
      setMessage(`Sync status unavailable: ${syncCallErrorWords(err)}`);
    }
  }, [api]);

  useEffect(() => {
    void loadStatuses();
  }, [loadStatuses, refreshKey]);

  const byMailbox = new Map(statuses.map((s) => [s.mailbox.toLowerCase(), s]));
  const rows = everyMailbox ? statuses.map((s) => s.mailbox) : mailboxes;

  const add = (address: string) => {
    const a = address.trim().toLowerCase();
    if (!ADDRESS.test(a)) {
      setMessage(`${address.trim() || 'That'} is not an email address. Pick a person from the list or type a full address.`);
      return;
    }
    setMessage(mailboxes.includes(a) ? `${a} is already in the list.` : `${a} added. Save the settings to enrol it.`);
    if (!mailboxes.includes(a)) onChange([...mailboxes, a]);
  };

  const syncNow = async (mailbox: string) => {
    try {
      await api.syncNow(mailbox);
      setMessage(`${mailbox} will sync in a moment.`);
      await loadStatuses();
    } catch (err) {
      setMessage(`Could not sync ${mailbox}: ${syncCallErrorWords(err)}`);
    }
  };

  return (
    <div className={styles.root}>
      {!everyMailbox && <PeoplePicker api={api} onPick={add} onMessage={setMessage} />}
      {message && <Caption1 role="status">{message}</Caption1>}
      {rows.length === 0 ? (
        <Caption1>{everyMailbox ? 'No mailbox has synced yet.' : 'No mailbox enrolled yet.'}</Caption1>
      ) : (
        <ul className={styles.list} aria-label="Enrolled mailboxes">
          {rows.map((mailbox) => {
            const status = byMailbox.get(mailbox.toLowerCase());
            const saved = everyMailbox || status !== undefined;
            return (
              <li key={mailbox} className={styles.row}>
                <div className={styles.who}>
                  <Text weight="semibold">{mailbox}</Text>
                  <Caption1>{mailboxStatusWords(status, saved)}</Caption1>
                </div>
                <Button size="small" disabled={!saved} onClick={() => void syncNow(mailbox)} aria-label={`Sync now: ${mailbox}`}>
                  Sync now
                </Button>
                {!everyMailbox && (
                  <Button size="small" appearance="subtle" onClick={() => onChange(mailboxes.filter((m) => m !== mailbox))} aria-label={`Remove ${mailbox}`}>
                    Remove
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

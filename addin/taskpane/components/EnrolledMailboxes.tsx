/**
 * Enrolled mailboxes as a list: a people picker (directory search through the API) adds people, each row shows
 * the mailbox's sync status and offers "Sync now" and Remove. With every mailbox enrolled the rows come from the
 * sync status alone and cannot be removed. The list is the form's: nothing is enrolled until settings are saved.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Caption1, Combobox, Field, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiDirectoryUser, ApiMailboxStatus } from '../../../shared/api-types';
import type { RulesApi } from '../services';
import { describeError } from './describe-error';
import { mailboxStatusWords } from './sync-status-words';

type SyncApi = Pick<RulesApi, 'syncMailboxes' | 'syncNow' | 'searchDirectory'>;

/** Typing pauses this long before the directory is searched. */
export const SEARCH_DELAY_MS = 250;
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
  picker: { width: '100%', minWidth: 0 },
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
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<ApiDirectoryUser[]>([]);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const searchSeq = useRef(0);

  const loadStatuses = useCallback(async () => {
    try {
      setStatuses(await api.syncMailboxes());
    } catch (err) {
      setMessage(`Sync status unavailable: ${describeError(err)}`);
    }
  }, [api]);

  useEffect(() => {
    void loadStatuses();
  }, [loadStatuses, refreshKey]);

  // Search once typing pauses; an answer to an older text is dropped.
  useEffect(() => {
    const text = query.trim();
    const seq = ++searchSeq.current;
    if (!text) {
      setFound([]);
      return;
    }
    const timer = setTimeout(() => {
      api.searchDirectory(text).then(
        (people) => {
          if (seq !== searchSeq.current) return;
          setFound(people);
          setOpen(people.length > 0);
        },
        (err: unknown) => seq === searchSeq.current && (setFound([]), setMessage(`Directory search failed: ${describeError(err)}`)),
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, query]);

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
    setQuery('');
    setFound([]);
  };

  const syncNow = async (mailbox: string) => {
    try {
      await api.syncNow(mailbox);
      setMessage(`${mailbox} will sync in a moment.`);
      await loadStatuses();
    } catch (err) {
      setMessage(`Could not sync ${mailbox}: ${describeError(err)}`);
    }
  };

  return (
    <div className={styles.root}>
      {!everyMailbox && (
        <Field label="Add a person" hint="Search by name or address, or type a full address and press Enter.">
          <Combobox
            className={styles.picker}
            freeform
            value={query}
            selectedOptions={[]}
            open={open && found.length > 0}
            onOpenChange={(_, d) => setOpen(d.open)}
            placeholder="Name or address"
            onChange={(e) => setQuery(e.target.value)}
            onOptionSelect={(_, d) => d.optionValue && add(d.optionValue)}
            onKeyDown={(e) => {
              // Enter with no suggestion list open: the typed text is an address to add (or is refused with a reason).
              if (e.key === 'Enter' && !(open && found.length > 0) && query.trim()) add(query);
            }}
          >
            {found.map((p) => (
              <Option key={p.address} value={p.address} text={`${p.displayName} <${p.address}>`}>
                {`${p.displayName} <${p.address}>`}
              </Option>
            ))}
          </Combobox>
        </Field>
      )}
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

/** The Admin tab's first line: mailboxes enrolled / syncing / failing, and whether the last change is applied. */
import { useCallback, useEffect, useState } from 'react';
import { Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiSyncSummary } from '../../../shared/api-types';
import type { SyncStatusApi } from '../../api/sync-status-api';
import { lastChangeWords, overSeatsWords, summaryCounts, syncCallErrorWords } from './sync-status-words';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  text: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

/** `refreshKey`: changes when the saved settings change (their ETag), and the summary is read again. */
export function SyncStatusLine({ api, refreshKey }: { api: Pick<SyncStatusApi, 'syncSummary'>; refreshKey?: string }) {
  const styles = useStyles();
  const [summary, setSummary] = useState<ApiSyncSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setSummary(await api.syncSummary());
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  return (
    <section className={styles.root} aria-label="Sync status">
      <div className={styles.text} role="status">
        {summary ? (
          <>
            <Text weight="semibold">{summaryCounts(summary)}</Text>
            <Caption1>{lastChangeWords(summary)}</Caption1>
            {overSeatsWords(summary) && <Caption1 className={styles.warning}>{overSeatsWords(summary)}</Caption1>}
          </>
        ) : error != null ? (
          <Caption1>Sync status unavailable: {syncCallErrorWords(error)}</Caption1>
        ) : (
          <Caption1>Reading the sync status…</Caption1>
        )}
      </div>
      <Button size="small" onClick={() => void load()} disabled={loading}>
        Refresh status
      </Button>
    </section>
  );
}

/** The admin's audit list: recent changes to org rules and settings, a page at a time ("Load more"). */
import { useState } from 'react';
import { Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { auditWords } from '../../../shared/audit-words';
import { formatInstant } from '../../../shared/display-instant';
import { formatClock } from '../../../shared/display-time';
import { adminApi } from '../../api/admin-api';
import type { AuditEntry } from '../../api/api-types';
import { displayLocale } from '../../office/display-language';
import type { TaskpaneServices } from '../services';
import { ErrorBar } from './ErrorBar';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  entry: { display: 'flex', flexDirection: 'column' },
  change: { paddingLeft: tokens.spacingHorizontalS },
});

/** One change for people: when (their local time), who (by name), what, and each part before → after. */
function AuditItem({ entry, locale, timeZone }: { entry: AuditEntry; locale: string; timeZone?: string }) {
  const styles = useStyles();
  const words = auditWords(entry, (t) => formatClock(t, locale));
  return (
    <li className={styles.entry}>
      <Caption1>
        <time dateTime={entry.at}>{formatInstant(entry.at, locale, timeZone)}</time>
      </Caption1>
      <Text>
        <Text weight="semibold">{words.actor}</Text> {words.summary}
      </Text>
      {words.changes.map((c) => (
        <Caption1 key={c.what} className={styles.change}>
          {c.what}: {c.before !== undefined && c.after !== undefined ? `${c.before} → ${c.after}` : (c.after ?? c.before)}
        </Caption1>
      ))}
    </li>
  );
}

export function AuditList({ services }: { services: TaskpaneServices }) {
  const styles = useStyles();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const locale = displayLocale();

  /** The first page (no token) replaces the list; later pages add to it. */
  const loadPage = async (token?: string) => {
    setLoading(true);
    setError(null);
    try {
      const page = await adminApi(services.api).audit(token);
      setEntries((old) => (token && old ? [...old, ...page.items] : page.items));
      setNext(page.continuationToken);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      {error != null && <ErrorBar error={error} onRetry={() => void loadPage(entries ? next : undefined)} onDismiss={() => setError(null)} />}
      <Button onClick={() => void loadPage()} disabled={loading}>
        {entries ? 'Refresh recent changes' : 'Show recent changes'}
      </Button>
      {entries && (
        <ul className={styles.list} aria-label="Recent changes">
          {entries.length === 0 && <li>No changes recorded.</li>}
          {entries.map((e) => (
            <AuditItem key={e.id} entry={e} locale={locale} timeZone={services.timeZone} />
          ))}
        </ul>
      )}
      {entries && next && (
        <Button onClick={() => void loadPage(next)} disabled={loading}>
          Load more
        </Button>
      )}
    </>
  );
}

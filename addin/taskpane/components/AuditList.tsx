/** The admin's audit list: recent changes to org rules and settings, a page at a time ("Load more"). */
import { useState } from 'react';
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { AuditEntry } from '../../api/api-types';
import type { TaskpaneServices } from '../services';
import { ErrorBar } from './ErrorBar';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** "2026-03-01T10:00:00Z — <user id> update r_ext": what changed, who did it, when. */
function describeEntry(e: AuditEntry): string {
  return `${e.at} — ${e.actorId} ${e.action} ${e.ruleId ?? e.scope}`;
}

export function AuditList({ services }: { services: TaskpaneServices }) {
  const styles = useStyles();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  /** The first page (no token) replaces the list; later pages add to it. */
  const loadPage = async (token?: string) => {
    setLoading(true);
    setError(null);
    try {
      const page = await services.api.audit(token);
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
            <li key={e.id}>
              <Caption1>{describeEntry(e)}</Caption1>
            </li>
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

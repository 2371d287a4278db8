/**
 * The org rule set's versions (one kept before each import, reorder and restore), newest first, each with a
 * Restore button. Restore first shows what it would add, change and delete by name (the server's diff against
 * the set as it is now) and asks to confirm; the restore itself carries the set's ETag from that moment, so a
 * set changed meanwhile is refused (412) instead of overwritten.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Caption1, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiRuleVersion, ApiRuleVersionDetail } from '../../../shared/api-types';
import { describeVersionReason } from '../../../shared/version-reason';
import type { TaskpaneServices } from '../services';
import { adminApi } from '../../api/admin-api';
import { isApiError } from '../../api/api-errors';
import { ErrorBar } from './ErrorBar';
import { NameList } from './ImportPreview';

const useStyles = makeStyles({
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

/** A 412 here means the set, not one rule, changed since the admin chose the version. */
const SET_CHANGED = 'The organisation rules were changed since you chose this version. Reload to see what restoring it would change now.';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const rules = (n: number) => `${n} ${n === 1 ? 'rule' : 'rules'}`;

export interface RuleVersionsProps {
  services: TaskpaneServices;
  /** Changes whenever the org rules were changed from this pane (the list then has a new version). */
  changeKey: unknown;
  /** After a restore: the pane reloads its rules. */
  onRestored: () => Promise<unknown>;
}

export function RuleVersions({ services, changeKey, onRestored }: RuleVersionsProps) {
  const styles = useStyles();
  const [versions, setVersions] = useState<ApiRuleVersion[] | null>(null);
  const [confirming, setConfirming] = useState<ApiRuleVersionDetail | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      setVersions((await adminApi(services.api).listVersions('org')).items);
    } catch (err) {
      setError(err);
    }
  }, [services]);

  useEffect(() => {
    void load();
  }, [load, changeKey]);

  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const ask = (v: ApiRuleVersion) =>
    run(async () => {
      setNotice('');
      setConfirming(await adminApi(services.api).getVersion(v.id));
    });

  const restore = (detail: ApiRuleVersionDetail) =>
    run(async () => {
      const result = await adminApi(services.api).restoreVersion(detail.version.id, detail.setEtag);
      setConfirming(null);
      const { added, changed, removed } = result.diff;
      setNotice(`Restored the rules as they were ${when(detail.version.at)}: ${added.length} added, ${changed.length} changed, ${removed.length} deleted.`);
      await onRestored();
      await load();
    });

  const diff = confirming?.diff;
  const nothing = diff ? diff.added.length + diff.changed.length + diff.removed.length === 0 : false;
  return (
    <section aria-labelledby="versions-title">
      <Caption1 as="p" id="versions-title">
        A copy of the organisation rules is kept before each import, reorder and restore (the last 20).
      </Caption1>
      {error != null && (
        <ErrorBar
          error={error}
          message={isApiError(error, 'precondition_failed') ? SET_CHANGED : undefined}
          onRetry={() => void load()}
          onReload={() => (confirming ? void ask(confirming.version) : void load())}
          onDismiss={() => setError(null)}
        />
      )}
      {notice && <Caption1 role="status">{notice}</Caption1>}
      {versions && versions.length === 0 && <Caption1 as="p">No versions yet.</Caption1>}
      {versions && versions.length > 0 && (
        <ul className={styles.list} aria-label="Versions of the organisation rules">
          {versions.map((v) => (
            <li key={v.id} className={styles.item}>
              <Caption1>
                {when(v.at)} — {describeVersionReason(v.reason)} — {rules(v.ruleCount)}
              </Caption1>
              <Button
                size="small"
                disabled={busy}
                onClick={() => void ask(v)}
                aria-label={`Restore the version from ${when(v.at)} (${describeVersionReason(v.reason)})`}
              >
                Restore
              </Button>
            </li>
          ))}
        </ul>
      )}
      {confirming && diff && (
        <MessageBar intent="warning" layout="multiline" role="group" aria-labelledby="restore-confirm-title">
          <MessageBarBody>
            <MessageBarTitle id="restore-confirm-title">Restore the organisation rules as they were {when(confirming.version.at)}?</MessageBarTitle>
            {nothing ? (
              <Caption1 as="p">Nothing would change: the rules are already like this.</Caption1>
            ) : (
              <>
                <NameList id="restore-added" title="Added back" names={diff.added} />
                <NameList id="restore-changed" title="Changed back" names={diff.changed} />
                <NameList id="restore-removed" title="Deleted" names={diff.removed} />
                <Caption1 as="p">
                  Within seconds CalSync re-colours events in every mailbox. The rules as they are now are kept as a version, so this can be undone.
                </Caption1>
              </>
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" disabled={busy} onClick={() => void restore(confirming)}>
              Restore this version
            </Button>
            <Button disabled={busy} onClick={() => setConfirming(null)}>
              Cancel
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </section>
  );
}

/** Admin settings: internal domains, enrolled mailboxes, sync window, org-rules lock; export/import; audit. */
import { useState } from 'react';
import { Button, Caption1, Field, Input, Label, SpinButton, Subtitle2, Switch, makeStyles, tokens, useId } from '@fluentui/react-components';
import type { AuditEntry, OrgSettings } from '../../api/api-types';
import type { RulesController } from '../state/use-rules';
import type { TaskpaneServices } from '../services';
import { ErrorBar } from './ErrorBar';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  audit: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const toList = (text: string) => text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);

export function AdminPanel({ services, rules }: { services: TaskpaneServices; rules: RulesController }) {
  const styles = useStyles();
  const importId = useId('import-file');
  const [draft, setDraft] = useState<OrgSettings>(rules.state.settings);
  const [domains, setDomains] = useState(draft.internalDomains.join(', '));
  const [mailboxes, setMailboxes] = useState(draft.enrolledMailboxes === 'all' ? '' : draft.enrolledMailboxes.join(', '));
  const [audit, setAudit] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');

  const save = () =>
    rules.saveSettings({ ...draft, internalDomains: toList(domains), enrolledMailboxes: draft.enrolledMailboxes === 'all' ? 'all' : toList(mailboxes) }).then((ok) => ok && setNotice('Settings saved.'));

  const run = async (task: () => Promise<void>) => {
    setError(null);
    setNotice('');
    try {
      await task();
    } catch (err) {
      setError(err);
    }
  };

  const exportOrgRules = () =>
    run(async () => {
      const file = await services.api.exportRules('org');
      const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
      const a = Object.assign(document.createElement('a'), { href: url, download: 'calsync-org-rules.json' });
      a.click();
      URL.revokeObjectURL(url);
    });

  const importFile = (file: File | undefined) =>
    file &&
    run(async () => {
      await services.api.importRules(JSON.parse(await file.text()));
      setNotice(`Imported ${file.name}.`);
      await rules.load();
    });

  return (
    <div className={styles.root}>
      {(error ?? rules.state.actionError) != null && <ErrorBar error={error ?? rules.state.actionError} onDismiss={() => (error ? setError(null) : rules.dismissActionError())} />}
      {notice && <Caption1 role="status">{notice}</Caption1>}
      <Subtitle2 as="h2">Organisation settings</Subtitle2>
      <Field label="Internal domains" hint="Comma-separated. People outside these domains are external.">
        <Input value={domains} onChange={(_, d) => setDomains(d.value)} />
      </Field>
      <Switch
        label="Colour every mailbox in the organisation"
        checked={draft.enrolledMailboxes === 'all'}
        onChange={(_, d) => setDraft({ ...draft, enrolledMailboxes: d.checked ? 'all' : toList(mailboxes) })}
      />
      {draft.enrolledMailboxes !== 'all' && (
        <Field label="Enrolled mailboxes" hint="Comma-separated addresses.">
          <Input value={mailboxes} onChange={(_, d) => setMailboxes(d.value)} />
        </Field>
      )}
      <div className={styles.row}>
        <Field label="Sync days back">
          <SpinButton min={0} max={365} value={draft.syncWindowDays.past} onChange={(_, d) => setDraft({ ...draft, syncWindowDays: { ...draft.syncWindowDays, past: Number(d.value ?? d.displayValue ?? 0) } })} />
        </Field>
        <Field label="Sync days ahead">
          <SpinButton min={1} max={730} value={draft.syncWindowDays.future} onChange={(_, d) => setDraft({ ...draft, syncWindowDays: { ...draft.syncWindowDays, future: Number(d.value ?? d.displayValue ?? 1) } })} />
        </Field>
      </div>
      <Switch label="Lock organisation rules (people cannot turn them off)" checked={draft.orgRulesLocked} onChange={(_, d) => setDraft({ ...draft, orgRulesLocked: d.checked })} />
      <div className={styles.row}>
        <Button appearance="primary" onClick={save} disabled={rules.state.busy}>Save settings</Button>
      </div>
      <Subtitle2 as="h2">Export and import</Subtitle2>
      <div className={styles.row}>
        <Button onClick={exportOrgRules}>Export organisation rules</Button>
        {/* A native file input: Fluent's Field cannot label it, so the label is wired by id. */}
        <span>
          <Label htmlFor={importId}>Import rules file</Label>{' '}
          <input id={importId} type="file" accept="application/json,.json" onChange={(e) => importFile(e.target.files?.[0])} />
        </span>
      </div>
      <Subtitle2 as="h2">Audit</Subtitle2>
      <Button onClick={() => run(async () => setAudit(await services.api.audit()))}>Show recent changes</Button>
      {audit && (
        <ul className={styles.audit} aria-label="Recent changes">
          {audit.length === 0 && <li>No changes recorded.</li>}
          {audit.map((e, i) => (
            <li key={e.id ?? i}>
              <Caption1>
                {e.at} — {e.actor} {e.action} {e.ruleId ?? ''}
              </Caption1>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

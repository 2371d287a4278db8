/** Admin settings: internal domains, enrolled mailboxes and teams, colour policy, sync window, org-rules lock; export/import; audit. */
import { useMemo, useRef, useState } from 'react';
import { Button, Caption1, Field, Input, Label, SpinButton, Subtitle2, Switch, makeStyles, tokens, useId } from '@fluentui/react-components';
import type { OrgSettings } from '../../api/api-types';
import { adminApi } from '../../api/admin-api';
import { syncStatusApi } from '../../api/sync-status-api';
import { teamsApi } from '../../api/teams-api';
import { SETTINGS_LIMITS } from '../../../shared/limits';
import type { ApiImportPreview } from '../../../shared/api-types';
import type { RulesController } from '../state/use-rules';
import type { TaskpaneServices } from '../services';
import { AuditList } from './AuditList';
import { CategoryDriftList } from './CategoryDriftList';
import { EnrolledMailboxes } from './EnrolledMailboxes';
import { ErrorBar } from './ErrorBar';
import { ImportPreview, type ImportMode } from './ImportPreview';
import { RuleVersions } from './RuleVersions';
import { PlanLine } from './PlanLine';
import { SyncStatusLine } from './SyncStatusLine';
import { TeamPicker } from './TeamPicker';
import { UndoMailbox } from './UndoMailbox';
import { syncCallErrorWords } from './sync-status-words';
import { DAY_BOUNDS, dayProblem, describeSettingsError } from './settings-errors';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

const toList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

/** The form's own copy of the settings; the ETag is not part of it (the controller sends the latest one). */
interface SettingsForm {
  domains: string;
  mailboxes: string[];
  /** Entra groups whose members are enrolled beside the list. */
  groups: string[];
  everyMailbox: boolean;
  /** Restore an organisation colour a person changed (enforce), or leave it and report it (allow). */
  keepColours: boolean;
  past: number;
  future: number;
  locked: boolean;
}

function formOf(s: OrgSettings): SettingsForm {
  return {
    domains: s.internalDomains.join(', '),
    mailboxes: s.enrolledMailboxes === 'all' ? [] : s.enrolledMailboxes,
    groups: s.enrolledGroups ?? [],
    everyMailbox: s.enrolledMailboxes === 'all',
    keepColours: (s.categoryPolicy ?? 'enforce') === 'enforce',
    past: s.syncWindowDays.past,
    future: s.syncWindowDays.future,
    locked: s.orgRulesLocked,
  };
}

/** A picked file, parsed, with the server's dry run of it. */
interface PendingImport {
  fileName: string;
  body: unknown;
  preview: ApiImportPreview;
}

/** A SpinButton reports a typed value as displayValue (value undefined); anything not a number keeps the old one. */
function spinValue(d: { value?: number | null; displayValue?: string }, old: number): number {
  const n = d.value ?? (d.displayValue === undefined ? NaN : Number(d.displayValue));
  return Number.isFinite(n) ? Math.round(n) : old;
}

/** Shown once the settings have loaded (`settings` is the pane's copy of them); App says when they could not. */
export function AdminPanel({ services, rules, settings }: { services: TaskpaneServices; rules: RulesController; settings: OrgSettings }) {
  const styles = useStyles();
  const syncApi = useMemo(() => syncStatusApi(services.api), [services.api]);
  const teams = useMemo(() => teamsApi(services.api), [services.api]);
  const importId = useId('import-file');
  const [form, setForm] = useState<SettingsForm>(() => formOf(settings));
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [importing, setImporting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  /** What failed last, for Retry. */
  const failed = useRef<(() => Promise<void>) | null>(null);
  /** The settings last sent, so a refusal can quote the entry it names. */
  const sent = useRef<OrgSettings>(settings);
  const pastProblem = dayProblem(form.past, DAY_BOUNDS.past);
  const futureProblem = dayProblem(form.future, DAY_BOUNDS.future);

  const run = async (task: () => Promise<void>) => {
    setError(null);
    setNotice('');
    try {
      await task();
      failed.current = null;
    } catch (err) {
      failed.current = task;
      setError(err);
    }
  };

  const save = () =>
    run(async () => {
      sent.current = {
        internalDomains: toList(form.domains),
        enrolledMailboxes: form.everyMailbox ? 'all' : form.mailboxes,
        enrolledGroups: form.groups,
        categoryPolicy: form.keepColours ? 'enforce' : 'allow',
        syncWindowDays: { past: form.past, future: form.future },
        orgRulesLocked: form.locked,
      };
      await rules.saveSettings(sent.current);
      setNotice('Settings saved.');
    });

  /** After a 412: the settings as they are now (and their ETag) replace the form. */
  const reload = () =>
    run(async () => {
      setForm(formOf(await rules.reloadSettings()));
      setNotice('Showing the latest settings.');
    });

  const exportOrgRules = () =>
    run(async () => {
      const file = await adminApi(services.api).exportRules('org');
      const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
      const a = Object.assign(document.createElement('a'), { href: url, download: 'calsync-org-rules.json' });
      a.click();
      // Revoked once the click has handed the file to the browser.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    });

  /** Picking a file only previews it: nothing is written until the admin chooses a mode and confirms. */
  const previewFile = (file: File | undefined) =>
    file &&
    run(async () => {
      setPending(null);
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not a CalSync rules file (it is not JSON).`);
      }
      setPending({ fileName: file.name, body: parsed, preview: await adminApi(services.api).previewImport(parsed) });
    });

  const importPending = (mode: ImportMode) =>
    pending &&
    run(async () => {
      setImporting(true);
      try {
        await adminApi(services.api).importRules({ ...(pending.body as object), mode, fileName: pending.fileName.slice(0, 255) });
      } finally {
        setImporting(false);
      }
      setPending(null);
      if (fileInput.current) fileInput.current.value = '';
      const d = pending.preview[mode];
      setNotice(`Imported ${pending.fileName}: ${d.added.length} added, ${d.changed.length} changed, ${d.removed.length} deleted.`);
      await rules.load();
    });

  const cancelImport = () => {
    setPending(null);
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
    <div className={styles.root}>
      <SyncStatusLine api={syncApi} refreshKey={settings.etag} />
      {rules.state.me && <PlanLine me={rules.state.me} used={Array.isArray(settings.enrolledMailboxes) ? settings.enrolledMailboxes.length : null} />}
      {error != null && (
        <ErrorBar
          error={error}
          message={describeSettingsError(error, sent.current)}
          onRetry={() => failed.current && void run(failed.current)}
          onReload={() => void reload()}
          onDismiss={() => setError(null)}
        />
      )}
      {notice && <Caption1 role="status">{notice}</Caption1>}
      <Subtitle2 as="h2">Organisation settings</Subtitle2>
      <Field label="Internal domains" hint="Comma-separated. People outside these domains are external.">
        <Input value={form.domains} onChange={(_, d) => setForm({ ...form, domains: d.value })} />
      </Field>
      <Switch label="Colour every mailbox in the organisation" checked={form.everyMailbox} onChange={(_, d) => setForm({ ...form, everyMailbox: d.checked })} />
      <Subtitle2 as="h3">Enrolled mailboxes</Subtitle2>
      <EnrolledMailboxes
        api={syncApi}
        mailboxes={form.mailboxes}
        everyMailbox={form.everyMailbox}
        onChange={(mailboxes) => setForm({ ...form, mailboxes })}
        refreshKey={settings.etag}
      />
      {!form.everyMailbox && (
        <TeamPicker
          api={teams}
          groups={form.groups}
          onChange={(groups) => setForm({ ...form, groups })}
          label="Teams kept in sync"
          hint="Everyone in these groups (nested groups included) is enrolled, as they join and leave."
          max={SETTINGS_LIMITS.enrolledGroupsMax}
          errorWords={syncCallErrorWords}
        />
      )}
      <UndoMailbox api={syncApi} />
      <Switch
        label="Keep the organisation's colours (a colour someone changes in their own Outlook is set back)"
        checked={form.keepColours}
        onChange={(_, d) => setForm({ ...form, keepColours: d.checked })}
      />
      <CategoryDriftList api={syncApi} refreshKey={settings.etag} />
      <div className={styles.row}>
        <Field label="Sync days back" validationMessage={pastProblem}>
          <SpinButton
            min={DAY_BOUNDS.past.min}
            max={DAY_BOUNDS.past.max}
            value={form.past}
            onChange={(_, d) => setForm({ ...form, past: spinValue(d, form.past) })}
          />
        </Field>
        <Field label="Sync days ahead" validationMessage={futureProblem}>
          <SpinButton
            min={DAY_BOUNDS.future.min}
            max={DAY_BOUNDS.future.max}
            value={form.future}
            onChange={(_, d) => setForm({ ...form, future: spinValue(d, form.future) })}
          />
        </Field>
      </div>
      <Switch
        label="Lock organisation rules (nobody, admins included, can change them until they are unlocked)"
        checked={form.locked}
        onChange={(_, d) => setForm({ ...form, locked: d.checked })}
      />
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void save()} disabled={rules.state.busy || pastProblem !== undefined || futureProblem !== undefined}>
          Save settings
        </Button>
      </div>
      <Subtitle2 as="h2">Export and import</Subtitle2>
      <div className={styles.row}>
        <Button onClick={() => void exportOrgRules()}>Export organisation rules</Button>
        {/* A native file input: Fluent's Field cannot label it, so the label is wired by id. */}
        <span>
          <Label htmlFor={importId}>Import rules file</Label>{' '}
          <input ref={fileInput} id={importId} type="file" accept="application/json,.json" onChange={(e) => void previewFile(e.target.files?.[0])} />
        </span>
      </div>
      {pending && (
        <ImportPreview
          fileName={pending.fileName}
          preview={pending.preview}
          busy={importing}
          onImport={(mode) => void importPending(mode)}
          onCancel={cancelImport}
        />
      )}
      <Subtitle2 as="h2">Versions</Subtitle2>
      <RuleVersions services={services} changeKey={rules.state.org} onRestored={rules.load} />
      <Subtitle2 as="h2">Audit</Subtitle2>
      <AuditList services={services} />
    </div>
  );
}

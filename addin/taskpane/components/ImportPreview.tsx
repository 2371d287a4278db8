/**
 * What a picked rules file would do, before it does it: the rules each mode adds, changes and removes (as the
 * server's dry run answers), a choice of merge or replace, and a confirmation naming every rule it deletes.
 */
import { useState } from 'react';
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Field,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ApiImportDiff, ApiImportPreview } from '../../../shared/api-types';

export type ImportMode = 'merge' | 'replace';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** A titled list of rule names (nothing when empty); the Versions section lists what a restore changes with it. */
export function NameList({ title, names, id }: { title: string; names: string[]; id: string }) {
  const styles = useStyles();
  if (names.length === 0) return null;
  return (
    <div>
      <Caption1 id={id}>
        {title} ({names.length})
      </Caption1>
      <ul className={styles.list} aria-labelledby={id}>
        {names.map((n, i) => (
          <li key={`${i}-${n}`}>{n}</li>
        ))}
      </ul>
    </div>
  );
}

const scopeWords = (scope: ApiImportPreview['scope']) => (scope === 'org' ? 'organisation' : 'personal');

function summary(diff: ApiImportDiff): string {
  if (diff.added.length + diff.changed.length + diff.removed.length === 0) return 'Nothing would change: the file matches the rules as they are.';
  return `${diff.unchanged} ${diff.unchanged === 1 ? 'rule stays' : 'rules stay'} as they are.`;
}

export interface ImportPreviewProps {
  fileName: string;
  preview: ApiImportPreview;
  busy: boolean;
  onImport: (mode: ImportMode) => void;
  onCancel: () => void;
}

export function ImportPreview({ fileName, preview, busy, onImport, onCancel }: ImportPreviewProps) {
  const styles = useStyles();
  // Merge first: it deletes nothing, so the choice that needs no second thought is the default.
  const [mode, setMode] = useState<ImportMode>('merge');
  const [confirming, setConfirming] = useState(false);
  const diff = preview[mode];
  const scope = scopeWords(preview.scope);
  const start = () => (diff.removed.length > 0 ? setConfirming(true) : onImport(mode));

  return (
    <section className={styles.root} aria-label={`Import preview for ${fileName}`}>
      <Subtitle2 as="h3">Importing {fileName}</Subtitle2>
      <Field label="How to import">
        <RadioGroup
          value={mode}
          onChange={(_, d) => {
            setMode(d.value as ImportMode);
            setConfirming(false);
          }}
        >
          <Radio value="merge" label={`Merge: add and update the file's rules, keep the other ${scope} rules`} />
          <Radio value="replace" label={`Replace: the ${scope} rules become exactly the file's`} />
        </RadioGroup>
      </Field>
      <NameList id="import-added" title="Added" names={diff.added} />
      <NameList id="import-changed" title="Changed" names={diff.changed} />
      <NameList id="import-removed" title="Deleted" names={diff.removed} />
      <Caption1>{summary(diff)}</Caption1>
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy || confirming} onClick={start}>
          {mode === 'merge' ? 'Merge into rules' : 'Replace rules'}
        </Button>
        <Button disabled={busy} onClick={onCancel}>
          Cancel import
        </Button>
      </div>
      {confirming && (
        // Inline, next to the lists it refers to, rather than a modal over them.
        <MessageBar intent="warning" layout="multiline" role="group" aria-labelledby="import-confirm-title">
          <MessageBarBody>
            <MessageBarTitle id="import-confirm-title">
              Delete {diff.removed.length} {scope} {diff.removed.length === 1 ? 'rule' : 'rules'}?
            </MessageBarTitle>{' '}
            Replacing deletes {diff.removed.map((n) => `“${n}”`).join(', ')}. Within seconds CalSync removes the categories these rules stamped from events in
            every mailbox they cover; categories people set themselves stay.
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" disabled={busy} onClick={() => onImport(mode)}>
              Replace and delete
            </Button>
            <Button onClick={() => setConfirming(false)}>Keep them</Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </section>
  );
}

/**
 * Create or edit a rule: name, conditions, category and colour. Validation is the shared validator's,
 * shown with the path it names; the preview beside it updates on every change.
 */
import { useEffect, useRef } from 'react';
import { Button, Checkbox, Field, Input, Radio, RadioGroup, Subtitle2, makeStyles, tokens, useId } from '@fluentui/react-components';
import type { RuleIssue } from '../../../shared/errors';
import type { RuleForm } from '../state/rule-form';
import { ConditionGroup } from './ConditionGroup';
import { SwatchPicker } from './SwatchPicker';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  issues: { color: tokens.colorPaletteRedForeground1, margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export interface RuleEditorProps {
  form: RuleForm;
  onChange: (form: RuleForm) => void;
  /** Admins may write org rules, except while they are locked (the API refuses admins too). */
  canWriteOrg: boolean;
  issues: RuleIssue[];
  /** The validator is still loading: nothing can be saved yet. */
  checking: boolean;
  saving: boolean;
  onSave: () => void;
  onCancel: () => void;
}

function issueFor(issues: RuleIssue[], path: string): string | undefined {
  return issues.find((i) => i.path === path)?.message;
}

export function RuleEditor({ form, onChange, canWriteOrg, issues, checking, saving, onSave, onCancel }: RuleEditorProps) {
  const styles = useStyles();
  const colourLabelId = useId('colour');
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []); // focus moves into the editor when it opens
  const conditionIssues = issues.filter((i) => i.path.startsWith('when'));

  return (
    <form
      className={styles.form}
      aria-label={form.id ? 'Edit rule' : 'New rule'}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <Subtitle2 as="h2">{form.id ? 'Edit rule' : 'New rule'}</Subtitle2>
      <Field label="Rule name" required validationMessage={form.name ? issueFor(issues, 'name') : undefined}>
        <Input ref={nameRef} value={form.name} onChange={(_, d) => onChange({ ...form, name: d.value })} />
      </Field>
      {canWriteOrg && (
        <Field label="Applies to">
          <RadioGroup layout="horizontal" value={form.scope} onChange={(_, d) => onChange({ ...form, scope: d.value as RuleForm['scope'] })}>
            <Radio value="personal" label="Just me" />
            <Radio value="org" label="Everyone (organisation)" />
          </RadioGroup>
        </Field>
      )}
      <ConditionGroup group={form.root} label="Conditions" depth={0} onChange={(root) => onChange({ ...form, root })} />
      {conditionIssues.length > 0 && (
        <ul className={styles.issues} aria-live="polite">
          {conditionIssues.map((i) => (
            <li key={`${i.path}/${i.code}`}>{i.message}</li>
          ))}
        </ul>
      )}
      <Field label="Category name" required validationMessage={form.category ? issueFor(issues, 'then.category') : undefined}>
        <Input value={form.category} onChange={(_, d) => onChange({ ...form, category: d.value })} />
      </Field>
      <div>
        <span id={colourLabelId}>Category colour</span>
        <SwatchPicker value={form.color} labelId={colourLabelId} onChange={(color) => onChange({ ...form, color })} />
      </div>
      <Checkbox label="Stop here: later rules do not run when this one matches" checked={form.stop} onChange={(_, d) => onChange({ ...form, stop: d.checked === true })} />
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={checking || saving || issues.length > 0}>
          {saving ? 'Saving…' : 'Save rule'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

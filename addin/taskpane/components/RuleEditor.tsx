/**
 * Create or edit a rule: name, conditions, category and colour. Validation is the shared validator's, worded
 * for people (issue-words.ts) and shown at the field it names; the preview beside it updates on every change.
 */
import { useEffect, useMemo, useRef } from 'react';
import {
  Button,
  Caption1,
  Checkbox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Option,
  Radio,
  RadioGroup,
  Subtitle2,
  makeStyles,
  tokens,
  useId,
} from '@fluentui/react-components';
import type { RuleIssue } from '../../../shared/errors';
import { colourName } from '../../../shared/outlook-words';
import type { ApiRule } from '../../api/api-types';
import { teamsApi } from '../../api/teams-api';
import type { TaskpaneServices } from '../services';
import { colourClash, useExistingCategories } from '../state/use-existing-categories';
import { predicatePaths } from '../state/condition-draft';
import type { RuleForm } from '../state/rule-form';
import { CategoryChip } from './CategoryChip';
import { ConditionGroup } from './ConditionGroup';
import { hasSingleValueControl } from './PredicateRow';
import { SwatchPicker } from './SwatchPicker';
import { TeamPicker } from './TeamPicker';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  issues: { color: tokens.colorPaletteRedForeground1, margin: 0, paddingLeft: tokens.spacingHorizontalL },
  option: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

export interface RuleEditorProps {
  form: RuleForm;
  /** A failed call in words (the pane's describeError), for the team search: see DirectorySearch's errorWords. */
  errorWords(error: unknown): string;
  onChange: (form: RuleForm) => void;
  /** Admins may write org rules, except while they are locked (the API refuses admins too). */
  canWriteOrg: boolean;
  issues: RuleIssue[];
  /** The validator is still loading: nothing can be saved yet. */
  checking: boolean;
  saving: boolean;
  onSave: () => void;
  onCancel: () => void;
  /** For the category picker: the mailbox's master list is read through these. */
  services: TaskpaneServices;
  /** Saved rules, in evaluation order: their categories are offered, and an org category's colour wins. */
  orgRules: readonly ApiRule[];
  personalRules: readonly ApiRule[];
}

type Audience = 'personal' | 'org' | 'teams';
const audienceOf = (form: RuleForm): Audience => (form.scope === 'org' && form.appliesTo ? 'teams' : form.scope);
/** "Some teams" is an org rule with groups (none picked yet: the validator asks for one); the others have none. */
function withAudience(form: RuleForm, audience: Audience): RuleForm {
  const { appliesTo, ...rest } = form;
  return audience === 'teams' ? { ...rest, scope: 'org', appliesTo: appliesTo ?? { groups: [] } } : { ...rest, scope: audience };
}

function issueFor(issues: RuleIssue[], path: string): string | undefined {
  return issues.find((i) => i.path === path)?.message;
}

export function RuleEditor({
  form,
  errorWords,
  onChange,
  canWriteOrg,
  issues,
  checking,
  saving,
  onSave,
  onCancel,
  services,
  orgRules,
  personalRules,
}: RuleEditorProps) {
  const styles = useStyles();
  const colourLabelId = useId('colour');
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []); // focus moves into the editor when it opens
  const saveHintId = useId('save-hint');
  const teams = useMemo(() => teamsApi(services.api), [services.api]);
  const existing = useExistingCategories(services, orgRules, personalRules);
  const clash = colourClash(form, existing);
  // An issue about a value shows at that value's control; the rest of the conditions' issues are listed below them.
  const { valueIssues, conditionIssues } = useMemo(() => {
    const byKey = new Map<string, RuleIssue>();
    for (const { path, predicate } of predicatePaths(form.root)) {
      if (!hasSingleValueControl(predicate)) continue;
      const issue = issues.find((i) => i.path === `${path}.value` || i.path.startsWith(`${path}.value[`));
      if (issue) byKey.set(predicate.key, issue);
    }
    const shown = new Set(byKey.values());
    return { valueIssues: byKey, conditionIssues: issues.filter((i) => i.path.startsWith('when') && !shown.has(i)) };
  }, [form.root, issues]);
  /** An empty required field says why Save is off without shouting: no error colour until something is typed. */
  const stateOf = (value: string) => (value.trim() ? 'error' : 'none');

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
      <Field label="Rule name" required validationState={stateOf(form.name)} validationMessage={issueFor(issues, 'name')}>
        <Input ref={nameRef} value={form.name} onChange={(_, d) => onChange({ ...form, name: d.value })} />
      </Field>
      {canWriteOrg && (
        <Field label="Applies to">
          <RadioGroup layout="horizontal" value={audienceOf(form)} onChange={(_, d) => onChange(withAudience(form, d.value as Audience))}>
            <Radio value="personal" label="Just me" />
            <Radio value="org" label="Everyone (organisation)" />
            <Radio value="teams" label="Some teams" />
          </RadioGroup>
        </Field>
      )}
      {canWriteOrg && form.appliesTo && (
        <TeamPicker
          api={teams}
          groups={form.appliesTo.groups}
          onChange={(groups) => onChange({ ...form, appliesTo: { groups } })}
          issue={issues.find((i) => i.path.startsWith('appliesTo'))?.message}
          errorWords={errorWords}
        />
      )}
      <ConditionGroup
        group={form.root}
        label="Conditions"
        depth={0}
        onChange={(root) => onChange({ ...form, root })}
        valueIssueOf={(key) => valueIssues.get(key)?.message}
      />
      {conditionIssues.length > 0 && (
        <ul className={styles.issues} aria-live="polite">
          {conditionIssues.map((i) => (
            <li key={`${i.path}/${i.code}`}>{i.message}</li>
          ))}
        </ul>
      )}
      <Field label="Category name" required validationState={stateOf(form.category)} validationMessage={issueFor(issues, 'then.category')}>
        <Input value={form.category} onChange={(_, d) => onChange({ ...form, category: d.value })} />
      </Field>
      {existing.length > 0 && (
        <Field label="Or pick an existing category" hint="Its name and colour fill the fields above and below.">
          <Dropdown
            placeholder="Existing categories"
            selectedOptions={[]}
            onOptionSelect={(_, d) => {
              const picked = existing.find((c) => c.name === d.optionValue);
              if (picked) onChange({ ...form, category: picked.name, color: picked.color ?? form.color });
            }}
          >
            {existing.map((c) => (
              <Option key={c.name} value={c.name} text={c.name}>
                <span className={styles.option}>
                  <CategoryChip name={c.name} color={c.color} />
                  {c.source === 'org' ? 'organisation' : 'your categories'}
                </span>
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
      <div>
        <span id={colourLabelId}>Category colour</span>
        <SwatchPicker value={form.color} labelId={colourLabelId} onChange={(color) => onChange({ ...form, color })} />
      </div>
      {clash?.color && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {clash.source === 'org'
              ? `“${clash.name}” is already an organisation category in ${colourName(clash.color)}. Events will show ${colourName(clash.color)}, not ${colourName(form.color)}: the organisation's colour wins.`
              : `Your Outlook category list already has “${clash.name}” in ${colourName(clash.color)}. Outlook keeps that colour, so events will show ${colourName(clash.color)}, not ${colourName(form.color)}.`}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => clash.color && onChange({ ...form, color: clash.color })}>Use {colourName(clash.color)}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <Checkbox
        label="Stop here: later rules do not run when this one matches"
        checked={form.stop}
        onChange={(_, d) => onChange({ ...form, stop: d.checked === true })}
      />
      <div className={styles.actions}>
        <Button
          type="submit"
          appearance="primary"
          disabled={checking || saving || issues.length > 0}
          aria-describedby={issues.length > 0 ? saveHintId : undefined}
        >
          {saving ? 'Saving…' : 'Save rule'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
      {issues.length > 0 && (
        <Caption1 id={saveHintId}>
          Save is off until {issues.length === 1 ? 'the field marked above is' : `the ${issues.length} fields marked above are`} filled in or fixed.
        </Caption1>
      )}
    </form>
  );
}

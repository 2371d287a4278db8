/**
 * The rules tab: lists (org, personal), the editor for one rule at a time, and the live "This event"
 * preview of the saved rules with the unsaved draft in place.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import type { ApiRule } from '../../api/api-types';
import type { PresetId } from '../../../shared/colors';
import type { ExampleRule } from '../example-rules';
import type * as RuleFormModule from '../state/rule-form';
import type { RuleForm } from '../state/rule-form';
import { useFormCheck } from '../state/use-form-check';
import type { RulesController } from '../state/use-rules';
import { usePreviewEvaluation } from '../state/use-pattern-preview';
import { draftOverSaved, previewRules, teamRulesNotFor, useOpenEvent } from '../state/use-this-event';
import { useGroupNames } from '../state/use-group-names';
import { teamsApi } from '../../api/teams-api';
import { teamWords } from './team-words';
import type { TaskpaneServices } from '../services';
import { LoadingSkeleton } from './LoadingSkeleton';
import { NextDaysPreview } from './NextDaysPreview';
import { EmptyState } from './EmptyState';
import { ErrorBar } from './ErrorBar';
import { describeError } from './describe-error';
import { RuleList } from './RuleList';
import { ThisEventPreview, type ApplyState } from './ThisEventPreview';

// The editor (with its form state and the validator it needs) and the delete dialog load when first used:
// the pane's first render only needs the list and the preview.
const loadEditor = () => import('./RuleEditor.js');
const loadRuleForm = () => import('../state/rule-form.js');
const RuleEditor = lazy(() => loadEditor().then((m) => ({ default: m.RuleEditor })));
const DeleteRuleDialog = lazy(() => import('./DeleteRuleDialog.js').then((m) => ({ default: m.DeleteRuleDialog })));

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

/** The preview's internal domains before the settings load (it shows nothing then); one array, so memos hold. */
const NO_DOMAINS: readonly string[] = [];
/** The highest `order` in a set (-1 when empty), as the server computes "last" for a new rule. */
const lastOrder = (rules: readonly ApiRule[]) => Math.max(-1, ...rules.map((r) => r.order));

export function RulesTab({ services, rules }: { services: TaskpaneServices; rules: RulesController }) {
  const styles = useStyles();
  const { state } = rules;
  const [form, setForm] = useState<RuleForm | null>(null);
  const [deleting, setDeleting] = useState<ApiRule | null>(null);
  const [applyState, setApplyState] = useState<ApplyState>({ phase: 'idle' });
  const openEvent = useOpenEvent(services);
  const newRuleButton = useRef<HTMLButtonElement>(null);
  /** Where focus goes once the editor or the delete dialog has closed: the rule's Edit button, or New rule. */
  const restoreFocus = useRef<{ ruleId?: string } | null>(null);

  const isAdmin = state.me?.isAdmin === true;
  const check = useFormCheck(form);
  const saved = useMemo(() => [...state.org, ...state.personal], [state.org, state.personal]);
  // An unsaved rule previews where the server will put it: last in its scope.
  const draftForPreview = useMemo(
    () => (check?.ok ? (check.draft.id ? check.draft : { ...check.draft, order: lastOrder(state[check.draft.scope]) + 1 }) : null),
    [check, state],
  );
  const rulesForPreview = useMemo(() => previewRules(saved, draftForPreview, state.me?.teams), [saved, draftForPreview, state.me?.teams]);
  // Team rules show their teams by name; the preview says which of them it left out for this person, and why.
  const teams = useMemo(() => teamsApi(services.api), [services.api]);
  const candidates = useMemo(() => draftOverSaved(saved, draftForPreview), [saved, draftForPreview]);
  const groupNames = useGroupNames(
    teams,
    useMemo(() => candidates.flatMap((r) => r.appliesTo?.groups ?? []), [candidates]),
  );
  const teamsOf = useCallback((r: { appliesTo?: { groups: string[] } }) => (r.appliesTo ? teamWords(r.appliesTo.groups, groupNames) : undefined), [groupNames]);
  const notForYou = useMemo(
    () => teamRulesNotFor(candidates, state.me?.teams).map((r) => ({ ruleName: r.name, teams: teamsOf(r) ?? '', oneTeam: r.appliesTo?.groups.length === 1 })),
    [candidates, state.me?.teams, teamsOf],
  );
  const event = openEvent.state.phase === 'ready' ? openEvent.state.event : null;
  // Without the tenant's internal domains a preview could say the opposite of the sync: none until they load.
  const preview = usePreviewEvaluation(state.settings ? event : null, rulesForPreview, state.settings?.internalDomains ?? NO_DOMAINS, services.mailbox);

  const editing = form?.id ? saved.find((r) => r.id === form.id) : undefined;

  /** Counts editor opens and closes, so a form whose module loads after a later open or a close is dropped. */
  const formRequest = useRef(0);
  /** Opens the editor once rule-form.ts has loaded; the editor's own chunk is fetched alongside it. */
  const openForm = useCallback((make: (forms: typeof RuleFormModule) => RuleForm) => {
    const request = ++formRequest.current;
    void loadEditor();
    void loadRuleForm().then((forms) => request === formRequest.current && setForm(make(forms)));
  }, []);
  const startNew = () => openForm((forms) => forms.emptyForm('personal'));
  const startFromExample = (example: ExampleRule) => openForm((forms) => forms.formFromExample(example));

  const closeEditor = useCallback(() => {
    formRequest.current++;
    restoreFocus.current = { ruleId: form?.id };
    setForm(null);
  }, [form]);

  useEffect(() => {
    const target = restoreFocus.current;
    if (form || deleting || !target) return;
    restoreFocus.current = null;
    const edit = target.ruleId ? document.querySelector<HTMLElement>(`[data-rule-id="${target.ruleId}"] button[aria-label^="Edit"]`) : null;
    (edit ?? newRuleButton.current)?.focus();
  });

  const save = async () => {
    if (!check?.ok) return;
    if (await rules.save(check.draft, editing)) closeEditor();
  };

  const reload = useCallback(async () => {
    const editedId = form?.id;
    formRequest.current++;
    setForm(null);
    const fresh = await rules.load();
    // Re-open the rule as it is now on the server, so the person can re-apply their change to it.
    const current = editedId ? fresh?.find((r) => r.id === editedId) : undefined;
    if (current) openForm((forms) => forms.formFromRule(current));
  }, [form, rules, openForm]);

  const apply = async () => {
    if (!preview) return;
    setApplyState({ phase: 'applying' });
    try {
      const wanted = preview.evaluation.categories.map((name) => ({ name, color: (preview.colorOf(name) ?? 'preset0') as PresetId }));
      const result = await services.applyToEvent(wanted);
      setApplyState({ phase: 'done', added: result.addedToItem });
      void openEvent.reread();
    } catch (error) {
      setApplyState({ phase: 'failed', error });
    }
  };

  const empty = state.org.length === 0 && state.personal.length === 0;
  // The API refuses every org-rule change while they are locked, admins' included: show them read-only.
  const orgLocked = state.settings?.orgRulesLocked === true;
  // Settings not loaded: org rules stay read-only rather than guessing they are unlocked (App says why).
  const orgEditable = isAdmin && state.settings !== null && !orgLocked;
  // Both lists act on rules the same way; only their content and whether they are editable differ.
  const listActions = {
    busy: state.busy,
    onToggle: rules.toggle,
    onMove: rules.move,
    onEdit: (r: ApiRule) => openForm((forms) => forms.formFromRule(r)),
    onDelete: setDeleting,
  };

  return (
    <div className={styles.root}>
      {state.actionError != null && (
        <ErrorBar
          error={state.actionError}
          onReload={() => void reload()}
          onRetry={form ? () => void save() : () => void rules.retry()}
          onDismiss={rules.dismissActionError}
        />
      )}
      {form ? (
        <Suspense fallback={<LoadingSkeleton label="Opening the editor" />}>
          <RuleEditor
            form={form}
            errorWords={describeError}
            onChange={setForm}
            canWriteOrg={orgEditable}
            issues={check && !check.ok ? check.issues : []}
            checking={check === null}
            saving={state.busy}
            onSave={() => void save()}
            onCancel={closeEditor}
            services={services}
            orgRules={state.org}
            personalRules={state.personal}
          />
        </Suspense>
      ) : empty ? (
        <EmptyState onUseExample={startFromExample} onNewRule={startNew} />
      ) : (
        <>
          <Button ref={newRuleButton} appearance="primary" icon={<AddRegular />} onClick={startNew}>
            New rule
          </Button>
          <RuleList
            title="Organisation rules"
            headingId="org-rules-heading"
            rules={state.org}
            editable={orgEditable}
            emptyText="Your organisation has no rules."
            note={isAdmin && orgLocked ? 'Organisation rules are locked: nobody can change them. Unlock them in the Admin tab to make changes.' : undefined}
            teamsOf={teamsOf}
            {...listActions}
          />
          <RuleList
            title="My rules"
            headingId="personal-rules-heading"
            rules={state.personal}
            editable
            emptyText="You have no rules of your own yet."
            {...listActions}
          />
        </>
      )}
      <ThisEventPreview
        eventState={openEvent.state}
        preview={preview}
        applyState={applyState}
        onApply={() => void apply()}
        colouredOnSave={services.colouredOnSave === true}
        onRetryRead={() => void openEvent.retry()}
        notForYou={notForYou}
      />
      <NextDaysPreview services={services} draft={check?.ok ? check.draft : null} savedRules={saved} />
      {deleting && (
        <Suspense fallback={null}>
          <DeleteRuleDialog
            rule={deleting}
            onCancel={() => setDeleting(null)}
            onConfirm={(r) => {
              restoreFocus.current = {};
              setDeleting(null);
              void rules.remove(r);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}

/**
 * Rules as the server has them, plus the operations on them. Every change goes to the API first and the
 * list shows the server's answer (with fresh ETags); after each load or change the compose-time cache is
 * refreshed from the effective rules. Errors are kept apart: a failed load replaces the list, a failed action keeps it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { sortRules } from '../../../shared/rule-set';
import type { RuleDraft, RuleScope } from '../../../shared/schema';
import type { ApiRule, Me, OrgSettings } from '../../api/api-types';
import type { TaskpaneServices } from '../services';

export interface RulesState {
  phase: 'loading' | 'ready' | 'failed';
  me: Me | null;
  org: ApiRule[];
  personal: ApiRule[];
  /**
   * The tenant's settings as the server has them; null until they load, and after a failed read (settingsError
   * says why): the pane never stands in values of its own, which would show an admin settings nobody chose.
   */
  settings: OrgSettings | null;
  settingsError: unknown;
  loadError: unknown;
  actionError: unknown;
  busy: boolean;
}

const initial: RulesState = {
  phase: 'loading',
  me: null,
  org: [],
  personal: [],
  settings: null,
  settingsError: null,
  loadError: null,
  actionError: null,
  busy: false,
};

function withoutOrder({ order: _order, ...rest }: RuleDraft): Omit<RuleDraft, 'order'> {
  return rest;
}

export function useRules(services: TaskpaneServices) {
  const [state, setState] = useState<RulesState>(initial);
  const latest = useRef(state);
  latest.current = state;

  // The compose-time cache holds exactly what the server evaluates for this user (scope=effective), fetched
  // in the background after each load or change; a failure leaves the previous cache (never blocks).
  const refreshCache = useCallback(
    (settings: OrgSettings) => {
      services.api
        .listRules('effective')
        .then((effective) => services.saveRulesCache(sortRules(effective), settings.internalDomains))
        .catch((err: unknown) => console.warn('CalSync: rules cache not refreshed', err));
    },
    [services],
  );

  const load = useCallback(async (): Promise<ApiRule[] | null> => {
    // A reload keeps the pane (and an open editor) mounted; only the first load shows the skeleton.
    setState((s) => ({ ...s, phase: s.phase === 'ready' ? 'ready' : 'loading', busy: true, loadError: null, actionError: null }));
    try {
      const { api } = services;
      // Settings failing alone leave the rules usable: the pane says so and offers to read them again.
      const [me, org, personal, settings] = await Promise.all([
        api.me(),
        api.listRules('org'),
        api.listRules('personal'),
        api.getSettings().then(
          (value) => ({ value, error: null }),
          (error: unknown) => ({ value: null, error }),
        ),
      ]);
      setState({ ...initial, phase: 'ready', me, org: sortRules(org), personal: sortRules(personal), settings: settings.value, settingsError: settings.error });
      if (settings.value) refreshCache(settings.value);
      return [...org, ...personal];
    } catch (err) {
      setState((s) => ({ ...s, phase: 'failed', busy: false, loadError: err }));
      return null;
    }
  }, [services, refreshCache]);

  useEffect(() => {
    void load();
  }, [load]);

  /** The last change that failed, for Retry. */
  const failedChange = useRef<(() => Promise<boolean>) | null>(null);

  /** Runs one change; `apply` turns the server's answer into the new lists. */
  const act = useCallback(
    async (change: () => Promise<(s: RulesState) => Pick<RulesState, 'org' | 'personal'>>): Promise<boolean> => {
      setState((s) => ({ ...s, busy: true, actionError: null }));
      failedChange.current = null;
      try {
        const apply = await change();
        // actionError as act set it: `latest` may predate that render when the change was started from a timer
        // (an automatic retry), and would bring the failure being retried back.
        const next = { ...latest.current, ...apply(latest.current), busy: false, actionError: null };
        setState(next);
        if (next.settings) refreshCache(next.settings);
        return true;
      } catch (err) {
        failedChange.current = () => act(change);
        setState((s) => ({ ...s, busy: false, actionError: err }));
        return false;
      }
    },
    [refreshCache],
  );

  /** Runs the last failed change again (toggle, move, delete or save) with what it had then. */
  const retry = useCallback(async () => (failedChange.current ? failedChange.current() : false), []);

  const replaceIn = (rules: ApiRule[], rule: ApiRule) =>
    sortRules(rules.some((r) => r.id === rule.id) ? rules.map((r) => (r.id === rule.id ? rule : r)) : [...rules, rule]);

  const save = useCallback(
    (draft: RuleDraft, existing?: ApiRule) =>
      act(async () => {
        // A new rule goes without `order`: the server puts it last in its scope (the pane's copy of the set may be stale).
        const saved = existing
          ? await services.api.updateRule({ ...draft, id: existing.id, etag: existing.etag })
          : await services.api.createRule(withoutOrder(draft));
        return (s) => ({
          org: saved.scope === 'org' ? replaceIn(s.org, saved) : s.org.filter((r) => r.id !== saved.id),
          personal: saved.scope === 'personal' ? replaceIn(s.personal, saved) : s.personal.filter((r) => r.id !== saved.id),
        });
      }),
    [act, services],
  );

  const toggle = useCallback(
    (rule: ApiRule) =>
      act(async () => {
        const saved = await services.api.updateRule({ ...rule, enabled: !rule.enabled });
        return (s) => ({ org: s.org.map((r) => (r.id === saved.id ? saved : r)), personal: s.personal.map((r) => (r.id === saved.id ? saved : r)) });
      }),
    [act, services],
  );

  const remove = useCallback(
    (rule: ApiRule) =>
      act(async () => {
        await services.api.deleteRule(rule);
        return (s) => ({ org: s.org.filter((r) => r.id !== rule.id), personal: s.personal.filter((r) => r.id !== rule.id) });
      }),
    [act, services],
  );

  /** Moves a rule one place up (-1) or down (+1) within its scope, in one request. */
  const move = useCallback(
    (rule: ApiRule, delta: -1 | 1) =>
      act(async () => {
        const scope: RuleScope = rule.scope;
        const list = [...latest.current[scope]];
        const from = list.findIndex((r) => r.id === rule.id);
        const to = from + delta;
        if (from < 0 || to < 0 || to >= list.length) return () => ({ org: latest.current.org, personal: latest.current.personal });
        [list[from], list[to]] = [list[to]!, list[from]!];
        const items = await services.api.reorderRules(
          scope,
          list.map((r) => r.id),
        );
        const ordered = sortRules(items);
        return (s) => ({ org: scope === 'org' ? ordered : s.org, personal: scope === 'personal' ? ordered : s.personal });
      }),
    [act, services],
  );

  /**
   * Saves settings with If-Match from the settings last read or saved (never the caller's copy, which may
   * be stale), and keeps the server's answer with its new ETag for the next save. Rejects on failure.
   */
  const saveSettings = useCallback(
    async (settings: OrgSettings): Promise<OrgSettings> => {
      setState((s) => ({ ...s, busy: true }));
      try {
        const saved = await services.api.putSettings({ ...settings, etag: latest.current.settings?.etag });
        setState((s) => ({ ...s, busy: false, settings: saved }));
        refreshCache(saved);
        return saved;
      } catch (err) {
        setState((s) => ({ ...s, busy: false }));
        throw err;
      }
    },
    [services, refreshCache],
  );

  /** Settings as the server has them now, with their ETag (after a 412). Rejects on failure. */
  const reloadSettings = useCallback(async (): Promise<OrgSettings> => {
    const fresh = await services.api.getSettings();
    setState((s) => ({ ...s, settings: fresh, settingsError: null }));
    return fresh;
  }, [services]);

  /** Reads the settings again after a failed read; a second failure keeps the pane saying so. */
  const retrySettings = useCallback(async () => {
    try {
      refreshCache(await reloadSettings());
    } catch (err) {
      setState((s) => ({ ...s, settingsError: err }));
    }
  }, [reloadSettings, refreshCache]);

  const dismissActionError = useCallback(() => setState((s) => ({ ...s, actionError: null })), []);

  return { state, load, save, toggle, remove, move, retry, saveSettings, reloadSettings, retrySettings, dismissActionError };
}

export type RulesController = ReturnType<typeof useRules>;

/**
 * Teams by name — those an org rule is for, or the groups whose members are enrolled: the chosen ones, each
 * removable, and a directory search to add more.
 */
import { useCallback, useState } from 'react';
import { Button, Caption1, Label, makeStyles, tokens, useId } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { ApiDirectoryGroup } from '../../../shared/api-types';
import { RULE_LIMITS } from '../../../shared/limits';
import type { TeamsApi } from '../../api/teams-api';
import { rememberGroupNames, useGroupNames } from '../state/use-group-names';
import { DirectorySearch } from './DirectorySearch';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  issue: { color: tokens.colorPaletteRedForeground1 },
  chosen: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  team: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    paddingLeft: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
});

export interface TeamPickerProps {
  api: TeamsApi;
  groups: readonly string[];
  onChange(groups: string[]): void;
  /** What the validator says of the groups, if anything. */
  issue?: string;
  /** Defaults: a rule's teams (at most RULE_LIMITS.appliesToMaxGroups). */
  label?: string;
  hint?: string;
  max?: number;
  /** A failed search in words (see DirectorySearch's errorWords). */
  errorWords(error: unknown): string;
}

export function TeamPicker({
  api,
  groups,
  onChange,
  issue,
  label = 'Teams',
  hint = "Search your organisation's groups by name. Members of any chosen team get this rule.",
  max = RULE_LIMITS.appliesToMaxGroups,
  errorWords,
}: TeamPickerProps) {
  const styles = useStyles();
  const labelId = useId('teams');
  const names = useGroupNames(api, groups);
  const [message, setMessage] = useState('');
  const search = useCallback(
    async (text: string) => {
      const found = await api.searchGroups(text);
      rememberGroupNames(found);
      return found;
    },
    [api],
  );
  const full = groups.length >= max;
  const add = (g: ApiDirectoryGroup) => {
    if (groups.includes(g.id)) setMessage(`${g.displayName} is already chosen.`);
    else if (full) setMessage(`At most ${max} teams.`);
    else {
      setMessage(`${g.displayName} added.`);
      onChange([...groups, g.id]);
    }
  };
  const nameOf = (id: string) => names.get(id) ?? 'A team no longer in the directory';

  return (
    <div role="group" aria-labelledby={labelId} className={styles.root}>
      <Label id={labelId} weight="semibold">
        {label}
      </Label>
      {issue && <Caption1 className={styles.issue}>{issue}</Caption1>}
      {groups.length > 0 && (
        <ul className={styles.chosen} aria-label={`${label}: chosen`}>
          {groups.map((id) => (
            <li key={id} className={styles.team}>
              {nameOf(id)}
              <Button
                appearance="transparent"
                size="small"
                icon={<DismissRegular />}
                aria-label={`Remove ${nameOf(id)}`}
                onClick={() => {
                  setMessage(`${nameOf(id)} removed.`);
                  onChange(groups.filter((g) => g !== id));
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <DirectorySearch<ApiDirectoryGroup>
        label="Add a team"
        hint={hint}
        placeholder="Team name"
        foundLabel="Teams found"
        search={search}
        keyOf={(g) => g.id}
        labelOf={(g) => g.displayName}
        onPick={add}
        onMessage={setMessage}
        errorWords={errorWords}
      />
      <Caption1 aria-live="polite">{message}</Caption1>
    </div>
  );
}

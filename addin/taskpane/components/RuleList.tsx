/** One scope's rules, in evaluation order. After a move, focus follows the moved rule's button. */
import { useLayoutEffect, useRef } from 'react';
import { Caption1, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiRule } from '../../api/api-types';
import { RuleListItem } from './RuleListItem';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

export interface RuleListProps {
  title: string;
  headingId: string;
  rules: ApiRule[];
  editable: boolean;
  busy: boolean;
  emptyText: string;
  /** Shown under the heading, e.g. why the rules are read-only. */
  note?: string;
  /** A team rule's teams in words. */
  teamsOf?: (rule: ApiRule) => string | undefined;
  onToggle: (rule: ApiRule) => void;
  onMove: (rule: ApiRule, delta: -1 | 1) => void;
  onEdit: (rule: ApiRule) => void;
  onDelete: (rule: ApiRule) => void;
}

export function RuleList({ title, headingId, rules, editable, busy, emptyText, note, teamsOf, onToggle, onMove, onEdit, onDelete }: RuleListProps) {
  const styles = useStyles();
  const listRef = useRef<HTMLUListElement>(null);
  const lastMove = useRef<{ id: string; delta: -1 | 1 } | null>(null);

  // Re-focus the moved rule once the server's order is shown (its buttons re-render, or get disabled at an end).
  useLayoutEffect(() => {
    const move = lastMove.current;
    if (!move || busy) return;
    // Rule ids are r_[A-Za-z0-9_-]: safe inside a quoted attribute selector.
    const row = listRef.current?.querySelector<HTMLElement>(`[data-rule-id="${move.id}"]`);
    const buttons = row ? Array.from(row.querySelectorAll<HTMLButtonElement>('button[aria-label^="Move"]')) : [];
    const preferred = buttons[move.delta === -1 ? 0 : 1];
    const target = preferred && !preferred.disabled ? preferred : buttons.find((b) => !b.disabled);
    target?.focus();
    lastMove.current = null;
  }, [rules, busy]);

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId}>
        {title}
      </Subtitle2>
      {note && <Caption1>{note}</Caption1>}
      {rules.length === 0 ? (
        <Text>{emptyText}</Text>
      ) : (
        <ul className={styles.list} ref={listRef} aria-labelledby={headingId}>
          {rules.map((rule, i) => (
            <RuleListItem
              key={rule.id}
              rule={rule}
              teams={teamsOf?.(rule)}
              editable={editable}
              isFirst={i === 0}
              isLast={i === rules.length - 1}
              busy={busy}
              onToggle={() => onToggle(rule)}
              onMove={(delta) => {
                lastMove.current = { id: rule.id, delta };
                onMove(rule, delta);
              }}
              onEdit={() => onEdit(rule)}
              onDelete={() => onDelete(rule)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * "Add a person": a text field that searches the directory as you type and offers the people found, following
 * the ARIA combobox pattern (list popup, aria-activedescendant; arrows move, Enter picks, Escape closes). Built on
 * Fluent's Input rather than its Combobox: the Combobox's portal and positioning code, shared with lazily loaded
 * views, moved modules into the task pane's first load and past its size budget (npm run bench:addin).
 */
import { useEffect, useRef, useState } from 'react';
import { Field, Input, makeStyles, mergeClasses, tokens, useId } from '@fluentui/react-components';
import type { ApiDirectoryUser } from '../../../shared/api-types';
import type { SyncStatusApi } from '../../api/sync-status-api';
import { syncCallErrorWords } from './sync-status-words';

/** Typing pauses this long before the directory is searched. */
export const SEARCH_DELAY_MS = 250;

const useStyles = makeStyles({
  root: { position: 'relative' },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: tokens.spacingVerticalXS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow8,
  },
  option: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`, borderRadius: tokens.borderRadiusMedium, cursor: 'pointer', overflowWrap: 'anywhere' },
  active: { backgroundColor: tokens.colorNeutralBackground1Hover, outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
});

export const personLabel = (p: ApiDirectoryUser) => `${p.displayName} <${p.address}>`;

export function PeoplePicker({ api, onPick, onMessage }: { api: Pick<SyncStatusApi, 'searchDirectory'>; onPick(address: string): void; onMessage(text: string): void }) {
  const styles = useStyles();
  const listId = useId('people');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<ApiDirectoryUser[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const searchSeq = useRef(0);

  // Search once typing pauses; an answer to an older text is dropped.
  useEffect(() => {
    const text = query.trim();
    const seq = ++searchSeq.current;
    if (!text) {
      setFound([]);
      return;
    }
    const timer = setTimeout(() => {
      api.searchDirectory(text).then(
        (people) => {
          if (seq !== searchSeq.current) return;
          setFound(people);
          setActive(-1);
          setOpen(people.length > 0);
        },
        (err: unknown) => {
          if (seq !== searchSeq.current) return;
          setFound([]);
          onMessage(`Directory search failed: ${syncCallErrorWords(err)}`);
        },
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, query, onMessage]);

  const shown = open && found.length > 0;
  const pick = (address: string) => {
    onPick(address);
    setQuery('');
    setFound([]);
    setOpen(false);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (found.length === 0) return;
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (shown ? (i + step + found.length) % found.length : step === 1 ? 0 : found.length - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const person = shown && active >= 0 ? found[active] : undefined;
      // No person chosen: the typed text is an address to add (or is refused with a reason).
      if (person) pick(person.address);
      else if (query.trim()) pick(query);
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className={styles.root}>
      <Field label="Add a person" hint="Search by name or address, or type a full address and press Enter.">
        <Input
          value={query}
          placeholder="Name or address"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls={listId}
          aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
          onChange={(_, d) => setQuery(d.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
      </Field>
      <ul id={listId} role="listbox" aria-label="People found" className={styles.list} hidden={!shown}>
        {found.map((p, i) => (
          <li
            key={p.address}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={mergeClasses(styles.option, i === active && styles.active)}
            // mousedown, not click: the input's blur would close the list before a click lands.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(p.address);
            }}
          >
            {personLabel(p)}
          </li>
        ))}
      </ul>
    </div>
  );
}

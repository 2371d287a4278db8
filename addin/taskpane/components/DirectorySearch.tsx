/**
 * A text field that searches the directory as you type and offers what it found (people, teams), following the
 * ARIA combobox pattern (list popup, aria-activedescendant; arrows move, Enter picks, Escape closes). Built on
 * Fluent's Input rather than its Combobox: the Combobox's portal and positioning code, shared with lazily loaded
 * views, moved modules into the task pane's first load and past its size budget (npm run bench:addin).
 */
import { useEffect, useRef, useState } from 'react';
import { Field, Input, makeStyles, mergeClasses, tokens, useId } from '@fluentui/react-components';

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
  option: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    overflowWrap: 'anywhere',
  },
  active: { backgroundColor: tokens.colorNeutralBackground1Hover, outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
});

export interface DirectorySearchProps<T> {
  label: string;
  hint: string;
  placeholder: string;
  /** The popup's accessible name, e.g. "People found". */
  foundLabel: string;
  search(text: string): Promise<T[]>;
  keyOf(item: T): string;
  labelOf(item: T): string;
  onPick(item: T): void;
  /** Enter with nothing chosen: the typed text itself (absent: Enter without a choice does nothing). */
  onPickText?(text: string): void;
  onMessage(text: string): void;
  /**
   * A failed search in words. Passed in rather than imported: the sync status words, reached from a chunk the rule
   * editor and the Admin tab share, split the pane's first load into more files (npm run bench:addin).
   */
  errorWords(error: unknown): string;
}

export function DirectorySearch<T>({
  label,
  hint,
  placeholder,
  foundLabel,
  search,
  keyOf,
  labelOf,
  onPick,
  onPickText,
  onMessage,
  errorWords,
}: DirectorySearchProps<T>) {
  const styles = useStyles();
  const listId = useId('found');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<T[]>([]);
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
      search(text).then(
        (items) => {
          if (seq !== searchSeq.current) return;
          setFound(items);
          setActive(-1);
          setOpen(items.length > 0);
        },
        (err: unknown) => {
          if (seq !== searchSeq.current) return;
          setFound([]);
          onMessage(`Directory search failed: ${errorWords(err)}`);
        },
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, query, onMessage, errorWords]);

  const shown = open && found.length > 0;
  const done = () => {
    setQuery('');
    setFound([]);
    setOpen(false);
  };
  const pick = (item: T) => {
    onPick(item);
    done();
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
      const item = shown && active >= 0 ? found[active] : undefined;
      if (item !== undefined) pick(item);
      else if (onPickText && query.trim()) {
        onPickText(query);
        done();
      }
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className={styles.root}>
      <Field label={label} hint={hint}>
        <Input
          value={query}
          placeholder={placeholder}
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
      <ul id={listId} role="listbox" aria-label={foundLabel} className={styles.list} hidden={!shown}>
        {found.map((item, i) => (
          <li
            key={keyOf(item)}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={mergeClasses(styles.option, i === active && styles.active)}
            // mousedown, not click: the input's blur would close the list before a click lands.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(item);
            }}
          >
            {labelOf(item)}
          </li>
        ))}
      </ul>
    </div>
  );
}

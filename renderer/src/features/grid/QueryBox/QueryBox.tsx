import { CloseButton, Combobox, Group, Kbd, Text, TextInput, useCombobox } from '@mantine/core';
import { useMergedRef } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState, type Ref } from 'react';
import type { ProfileKind } from '../../../../../common/keys';
import { applyCompletion, completionContext } from './completion';
import classes from './QueryBox.module.css';
import { useSuggestions } from './useSuggestions';

export interface QueryBoxProps {
  kind: ProfileKind;
  value: string;
  onChange: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
  /** The query doesn't read: the box is marked and points at the explanation (`problemId`). */
  invalid: boolean;
  problemId: string;
}

/**
 * The grid's search box: the query language (plain words stay free text) with autocomplete of
 * keys, values and segment names at the cursor. Arrows move, Enter or Tab accept, Escape closes
 * the list (and, with no list open, clears the box).
 */
export function QueryBox({ kind, value, onChange, inputRef, invalid, problemId }: QueryBoxProps) {
  const noun = kind === 'user' ? 'user' : 'account';
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const ownRef = useRef<HTMLInputElement>(null);
  const ref = useMergedRef(ownRef, inputRef);
  const [cursor, setCursor] = useState(value.length);
  const [focused, setFocused] = useState(false);
  // Escape (or an accepted value) hides the list until the next keystroke.
  const [dismissed, setDismissed] = useState(false);
  // An empty term lists every key only when asked (ArrowDown), not after each space typed.
  const [asked, setAsked] = useState(false);

  const context = useMemo(() => completionContext(value, Math.min(cursor, value.length)), [value, cursor]);
  const suggestions = useSuggestions(kind, context, focused);
  const wanted =
    focused && !dismissed && suggestions.length > 0 && (context?.kind === 'value' || context?.prefix !== '' || asked);
  const preselect = context !== null && (context.kind === 'value' || context.prefix !== '');
  const listKey = suggestions.map((s) => s.value).join('\n');

  useEffect(() => {
    if (wanted) combobox.openDropdown();
    else combobox.closeDropdown();
  }, [wanted, combobox]);

  // A fresh list: the first suggestion is the one Enter/Tab take, when what was typed asks for one.
  useEffect(() => {
    if (!wanted) return;
    if (preselect) combobox.selectFirstOption();
    else combobox.resetSelectedOption();
  }, [wanted, listKey, preselect, combobox]);

  const trackCursor = () => setCursor(ownRef.current?.selectionStart ?? value.length);

  const accept = (chosen: string) => {
    const suggestion = suggestions.find((s) => s.value === chosen);
    if (!context || !suggestion) return;
    const done = applyCompletion(value, context, suggestion.value, suggestion.raw);
    onChange(done.text);
    setCursor(done.cursor);
    setAsked(false);
    // After a key the values follow at once; after a value, the list rests until typing resumes.
    setDismissed(context.kind === 'value');
    requestAnimationFrame(() => ownRef.current?.setSelectionRange(done.cursor, done.cursor));
  };

  return (
    <Combobox store={combobox} onOptionSubmit={accept} withinPortal position="bottom-start" offset={4}>
      <Combobox.Target>
        <TextInput
          ref={ref}
          type="search"
          className={classes.box}
          size="sm"
          aria-label={`Search ${noun}s`}
          aria-invalid={invalid}
          aria-describedby={invalid ? problemId : undefined}
          data-invalid={invalid || undefined}
          error={invalid}
          spellCheck={false}
          autoComplete="off"
          placeholder={noun === 'user' ? 'Search, or filter: session_count:>=2 last_country_code:FR' : 'Search, or filter: user_count:>=5'}
          leftSection={<IconSearch size={16} />}
          rightSectionWidth={value ? 32 : 44}
          rightSection={
            value ? (
              <CloseButton size="sm" aria-label="Clear search" onClick={() => onChange('')} />
            ) : (
              <Kbd size="xs" className={classes.kbd}>
                /
              </Kbd>
            )
          }
          value={value}
          onChange={(e) => {
            onChange(e.currentTarget.value);
            setCursor(e.currentTarget.selectionStart ?? e.currentTarget.value.length);
            setDismissed(false);
          }}
          onSelect={trackCursor}
          onClick={trackCursor}
          onFocus={() => {
            setFocused(true);
            trackCursor();
          }}
          onBlur={() => {
            setFocused(false);
            setAsked(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              // The list closes first; only then does Escape clear. (A search input clears itself on
              // Escape by default: prevented so the text stays while the list closes.)
              if (wanted || combobox.dropdownOpened) {
                e.preventDefault();
                setDismissed(true);
              }
              else if (value) onChange('');
            } else if (e.key === 'Tab' && combobox.dropdownOpened && combobox.getSelectedOptionIndex() !== -1) {
              e.preventDefault();
              combobox.clickSelectedOption();
            } else if (e.key === 'ArrowDown' && !combobox.dropdownOpened) {
              setAsked(true);
              setDismissed(false);
            }
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown className={classes.dropdown} data-testid={`${noun}s-query-suggestions`}>
        <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
          {suggestions.map((s) => (
            <Combobox.Option value={s.value} key={s.value}>
              <Group justify="space-between" wrap="nowrap" gap="md">
                <Text size="sm" ff="monospace" truncate>
                  {s.label}
                </Text>
                {s.detail && (
                  <Text size="xs" c="dimmed" className={classes.detail}>
                    {s.detail}
                  </Text>
                )}
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

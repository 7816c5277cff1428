import { CloseButton, Group, Kbd, Loader, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { ReactNode, Ref } from 'react';
import { plural } from '../../../../../common/format';
import classes from './GridToolbar.module.css';

export interface GridToolbarProps {
  /** Noun for the count, singular (e.g. "user"). */
  noun: string;
  search: string;
  onSearch: (value: string) => void;
  searchRef?: Ref<HTMLInputElement>;
  /** Matching rows; null while counting. */
  count: number | null;
  /** All rows of the page (shown beside the count when a filter is active). */
  total: number | null;
  filtered: boolean;
  /** Right-side actions (column chooser…). */
  actions?: ReactNode;
}

/** Search box, live count and actions above a profile grid. */
export function GridToolbar({ noun, search, onSearch, searchRef, count, total, filtered, actions }: GridToolbarProps) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md">
      <Group gap="md" wrap="nowrap" className={classes.left}>
        <TextInput
          ref={searchRef}
          type="search"
          className={classes.search}
          size="sm"
          aria-label={`Search ${noun}s`}
          placeholder={noun === 'user' ? 'Search name, email or ID…' : 'Search account name or ID…'}
          leftSection={<IconSearch size={16} />}
          rightSectionWidth={search ? 32 : 44}
          rightSection={
            search ? (
              <CloseButton size="sm" aria-label="Clear search" onClick={() => onSearch('')} />
            ) : (
              <Kbd size="xs" className={classes.kbd}>
                /
              </Kbd>
            )
          }
          value={search}
          onChange={(e) => onSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && search) {
              e.stopPropagation();
              onSearch('');
            }
          }}
        />
        <Group gap={6} wrap="nowrap">
          {count === null ? (
            <Loader size="xs" type="dots" />
          ) : (
            <Text fw={600} size="sm" data-testid="row-count" className={classes.count}>
              {plural(count, noun)}
            </Text>
          )}
          {filtered && total !== null && count !== null && (
            <Text size="sm" c="dimmed" className={classes.count}>
              of {total.toLocaleString()}
            </Text>
          )}
        </Group>
      </Group>
      <Group gap="xs" wrap="nowrap">
        {actions}
      </Group>
    </Group>
  );
}

import { Badge, Button, CloseButton, Group } from '@mantine/core';
import classes from './FilterChips.module.css';
import type { ProfileKind } from '../../../../../common/keys';
import { findSpec, useAttributes } from '../../attributes';
import { describeFilter, isActive, type FilterModelMap } from '../filterModel';

export interface FilterChipsProps {
  kind: ProfileKind;
  models: FilterModelMap;
  search: string;
  onRemove: (key: string) => void;
  onClearSearch: () => void;
  onClearAll: () => void;
}

/** One removable chip; the remove button is a real, labelled button (keyboard and screen readers). */
function Chip({ label, removeLabel, onRemove }: { label: string; removeLabel: string; onRemove: () => void }) {
  return (
    <Badge
      variant="light"
      color="violet"
      size="lg"
      radius="xl"
      tt="none"
      fw={500}
      className={classes.chip}
      title={label}
      rightSection={<CloseButton size="xs" radius="xl" variant="transparent" aria-label={removeLabel} onClick={onRemove} className={classes.remove} />}
    >
      {label}
    </Badge>
  );
}

/** The active search and column filters as removable chips. */
export function FilterChips({ kind, models, search, onRemove, onClearSearch, onClearAll }: FilterChipsProps) {
  const specs = useAttributes(kind);
  const active = Object.entries(models).filter(([, m]) => isActive(m));
  const hasSearch = search.trim() !== '';
  if (active.length === 0 && !hasSearch) return null;
  return (
    <Group gap={6} data-testid="active-filters">
      {hasSearch && (
        <Chip label={`Search: “${search.trim()}”`} removeLabel="Clear search" onRemove={onClearSearch} />
      )}
      {active.map(([key, model]) => {
        const spec = findSpec(specs, key);
        if (!spec || !model) return null;
        const label = describeFilter(spec, model);
        return (
          <Chip key={key} label={label} removeLabel={`Remove filter ${spec.label}`} onRemove={() => onRemove(key)} />
        );
      })}
      {active.length + (hasSearch ? 1 : 0) > 1 && (
        <Button size="compact-xs" variant="subtle" onClick={onClearAll}>
          Clear all
        </Button>
      )}
    </Group>
  );
}

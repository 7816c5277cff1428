import { Badge, CloseButton, Tooltip } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';

export interface SegmentChipProps {
  name: string;
  onRemove: () => void;
}

/** The segment a grid is narrowed to, beside its query box; removing it shows every profile again. */
export function SegmentChip({ name, onRemove }: SegmentChipProps) {
  return (
    <Tooltip label="Segment: combined with the query and the column filters" openDelay={400}>
      <Badge
        size="lg"
        variant="light"
        radius="sm"
        tt="none"
        leftSection={<IconFilter size={14} />}
        rightSection={<CloseButton size="xs" variant="transparent" aria-label={`Remove segment ${name}`} onClick={onRemove} />}
        data-testid="segment-chip"
        maw={240}
        style={{ flexShrink: 0 }}
      >
        {name}
      </Badge>
    </Tooltip>
  );
}

import { Button, Code } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { kindPlural } from '../../../../../common/entities';
import type { ProfileKind } from '../../../../../common/keys';
import { call } from '../../../api';
import { SegmentNameModal } from '../SegmentNameModal';

export interface SaveSegmentButtonProps {
  kind: ProfileKind;
  /** The query box's query as it runs now; nothing to save when empty. */
  query: string;
  /** The segment the grid is narrowed to: saved as part of the new segment's query. */
  segment: string | null;
  /** Called with the saved segment's name. */
  onSaved?: (name: string) => void;
}

/** Quotes a segment name for `segment:NAME` in a query. */
export function segmentTerm(name: string): string {
  return /^[\w.@-]+$/.test(name) ? `segment:${name}` : `segment:"${name.replace(/(["\\])/g, '\\$1')}"`;
}

/** "Save as segment…": the current query (and segment) under a name. */
export function SaveSegmentButton({ kind, query, segment, onSaved }: SaveSegmentButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const trimmed = query.trim();
  const saved = [segment ? segmentTerm(segment) : '', trimmed === '' ? '' : segment ? `(${trimmed})` : trimmed].filter(Boolean).join(' ');
  return (
    <>
      <Button size="xs" variant="default" leftSection={<IconDeviceFloppy size={16} />} onClick={open} disabled={saved === ''}>
        Save as segment…
      </Button>
      <SegmentNameModal
        opened={opened}
        onClose={close}
        title="Save as segment"
        initial=""
        submitLabel="Save segment"
        onSubmit={async (name) => {
          await call('segments.save', { name, entity: kindPlural(kind), query: saved });
          onSaved?.(name);
        }}
      >
        The {kindPlural(kind)} matching <Code>{saved}</Code>, counted live wherever the segment is used.
      </SegmentNameModal>
    </>
  );
}

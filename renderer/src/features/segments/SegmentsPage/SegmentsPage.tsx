import { Alert, Button, Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconFilter, IconListDetails } from '@tabler/icons-react';
import { useState } from 'react';
import type { SegmentInfo } from '../../../../../common/types';
import { PageFrame } from '../../../app/PageFrame';
import { call, errorMessage } from '../../../api';
import { ExportDialog } from '../../export';
import { DeleteSegmentModal } from '../DeleteSegmentModal';
import { useSegmentSelection } from '../segmentContext';
import { SegmentNameModal } from '../SegmentNameModal';
import { SegmentsTable, type SegmentAction } from '../SegmentsTable';
import { StaticListModal } from '../StaticListModal';
import { useSegments } from '../useSegments';

type Entity = SegmentInfo['entity'];
const KIND = { users: 'user', accounts: 'account' } as const;

/** Saved segments of users and accounts: live counts, open in the grid, export, rename, duplicate, delete. */
export function SegmentsPage() {
  const [entity, setEntity] = useState<Entity>('users');
  const { segments, error, loading } = useSegments(entity);
  const { openSegment, segmentOf, setSegment } = useSegmentSelection();
  // A grid narrowed to a renamed or deleted segment follows it.
  const follow = (s: SegmentInfo, newName: string | null) => {
    if (segmentOf(KIND[s.entity]) === s.name) setSegment(KIND[s.entity], newName);
  };
  const [renaming, setRenaming] = useState<SegmentInfo | null>(null);
  const [duplicating, setDuplicating] = useState<SegmentInfo | null>(null);
  const [deleting, setDeleting] = useState<SegmentInfo | null>(null);
  const [exporting, setExporting] = useState<SegmentInfo | null>(null);
  const [listOpened, list] = useDisclosure(false);

  const onAction = (action: SegmentAction, s: SegmentInfo) => {
    if (action === 'open') openSegment(KIND[s.entity], s.name);
    else if (action === 'export') setExporting(s);
    else if (action === 'rename') setRenaming(s);
    else if (action === 'duplicate') setDuplicating(s);
    else setDeleting(s);
  };

  return (
    <PageFrame title="Segments" description="Saved queries and static lists, counted live">
      <Stack gap="md" data-testid="segments-page">
        <Group justify="space-between">
          <SegmentedControl
            value={entity}
            onChange={(v) => setEntity(v as Entity)}
            data={[
              { value: 'users', label: 'Users' },
              { value: 'accounts', label: 'Accounts' },
            ]}
            aria-label="Segments of"
          />
          <Button variant="default" leftSection={<IconListDetails size={16} />} onClick={list.open}>
            New static list…
          </Button>
        </Group>
        {error && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Could not list segments">
            {errorMessage(error)}
          </Alert>
        )}
        {segments === undefined && loading && <Loader size="sm" type="dots" />}
        {segments && segments.length === 0 && (
          <Stack align="center" gap={6} py="xl" data-testid="no-segments">
            <IconFilter size={32} stroke={1.5} />
            <Text fw={600}>No {entity} segments yet</Text>
            <Text size="sm" c="dimmed" ta="center" maw={420}>
              Type a query above the {entity === 'users' ? 'Users' : 'Accounts'} grid and choose Save as segment…, or create a static list from a CSV of ids.
            </Text>
          </Stack>
        )}
        {segments && segments.length > 0 && <SegmentsTable segments={segments} onAction={onAction} />}
      </Stack>
      <SegmentNameModal
        opened={renaming !== null}
        onClose={() => setRenaming(null)}
        title="Rename segment"
        initial={renaming?.name ?? ''}
        submitLabel="Rename"
        onSubmit={async (newName) => {
          await call('segments.rename', { name: renaming!.name, newName });
          follow(renaming!, newName);
        }}
      />
      <SegmentNameModal
        opened={duplicating !== null}
        onClose={() => setDuplicating(null)}
        title="Duplicate segment"
        initial={duplicating ? `${duplicating.name} copy` : ''}
        submitLabel="Duplicate"
        onSubmit={(newName) => call('segments.duplicate', { name: duplicating!.name, newName })}
      />
      <DeleteSegmentModal
        name={deleting?.name ?? null}
        onClose={() => setDeleting(null)}
        onDeleted={() => deleting && follow(deleting, null)}
      />
      <StaticListModal opened={listOpened} onClose={list.close} entity={entity} />
      {exporting && (
        <ExportDialog
          opened
          onClose={() => setExporting(null)}
          kind={KIND[exporting.entity]}
          selection={{ segment: exporting.name }}
          columns={[]}
          name={exporting.name}
        />
      )}
    </PageFrame>
  );
}

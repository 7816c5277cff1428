import { Alert, Code, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { formatNumber } from '../../../../../common/format';
import type { SegmentImport } from '../../../../../common/types';

/** How many ids of a static list matched, and the first ones that didn't. */
export function ImportReport({ report }: { report: SegmentImport }) {
  const { segment, column, rows, matched, unmatchedCount, unmatched } = report;
  return (
    <Stack gap="sm" data-testid="static-list-report">
      <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title={`Saved “${segment.name}”`}>
        {formatNumber(matched)} of {formatNumber(rows)} rows matched a profile by <Code>{column}</Code>.
      </Alert>
      {unmatchedCount > 0 && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={`${formatNumber(unmatchedCount)} unmatched`}>
          <Text size="sm" mb={6}>
            {unmatchedCount > unmatched.length ? `The first ${unmatched.length}:` : 'These ids match no profile:'}
          </Text>
          <Group gap={6} data-testid="unmatched-ids">
            {unmatched.slice(0, 20).map((id) => (
              <Code key={id}>{id}</Code>
            ))}
            {unmatched.length > 20 && <Text size="sm">and {formatNumber(unmatchedCount - 20)} more</Text>}
          </Group>
        </Alert>
      )}
    </Stack>
  );
}

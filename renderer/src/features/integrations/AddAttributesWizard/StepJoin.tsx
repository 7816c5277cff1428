import { Alert, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowsLeftRight, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import type { SourcePreview } from '../../../../../common/attributes';
import { formatNumber, plural } from '../../../../../common/format';
import { errorMessage, useQuery } from '../../../api';
import { locationOf, type Draft } from '../draft';
import { PreviewTable } from '../PreviewTable';
import { JOIN_ATTRIBUTES } from '../suggest';
import classes from './AddAttributesWizard.module.css';

export interface StepJoinProps {
  draft: Draft;
  update: (change: Partial<Draft>) => void;
  preview: SourcePreview | undefined;
}

/** How many rows the match preview reads. */
export const MATCH_SAMPLE = 1000;

/** "812 of the first 1,000 rows match a profile · 3 duplicate keys". */
export function matchSummary(match: NonNullable<SourcePreview['match']>): string {
  const parts = [`${formatNumber(match.matched)} of the first ${formatNumber(match.rows)} rows match a profile`];
  if (match.duplicates > 0) parts.push(plural(match.duplicates, 'duplicate key'));
  if (match.blankKeys > 0) parts.push(plural(match.blankKeys, 'blank key'));
  return parts.join(' · ');
}

/** Step 3: the key column and the profile attribute it matches, with a live count of matching rows. */
export function StepJoin({ draft, update, preview }: StepJoinProps) {
  const ready = draft.joinColumn !== null && draft.joinAttribute !== null;
  const match = useQuery(
    'sources.preview',
    ready
      ? {
          ...locationOf(draft),
          ...(draft.kind === 'csv' ? {} : { table: draft.table ?? undefined }),
          entity: draft.entity,
          join: { column: draft.joinColumn!, attribute: draft.joinAttribute! },
          limit: MATCH_SAMPLE,
        }
      : null,
  );
  const result = match.data?.match;
  const columns = preview?.columns ?? [];

  return (
    <Stack gap="md" data-testid="step-join">
      <Text size="sm" c="dimmed">
        Each row of the table gives its values to the profile whose attribute equals the row’s key (after trimming; emails
        without regard to case).
      </Text>
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <Select
          label="Column of the table"
          placeholder="Key column"
          data={columns.map((c) => ({ value: c.name, label: c.label && c.label !== c.name ? `${c.name} (${c.label})` : c.name }))}
          value={draft.joinColumn}
          onChange={(v) => update({ joinColumn: v })}
          searchable
          className={classes.grow}
        />
        <IconArrowsLeftRight size={20} className={classes.joinArrow} aria-hidden />
        <Select
          label={`Attribute of ${draft.entity === 'users' ? 'user' : 'account'} profiles`}
          placeholder="Profile attribute"
          data={JOIN_ATTRIBUTES[draft.entity]}
          value={draft.joinAttribute}
          onChange={(v) => update({ joinAttribute: v })}
          className={classes.grow}
        />
      </Group>
      {ready && (
        <div data-testid="match-preview">
          {match.loading && !result && (
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="sm" c="dimmed">
                Matching the first rows…
              </Text>
            </Group>
          )}
          {match.error && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="step-error">
              {errorMessage(match.error)}
            </Alert>
          )}
          {result && !match.error && (
            <Alert
              color={result.matched === 0 ? 'orange' : 'teal'}
              variant="light"
              icon={result.matched === 0 ? <IconInfoCircle size={18} /> : <IconCircleCheck size={18} />}
              className={match.loading ? classes.stale : undefined}
            >
              <Text size="sm" fw={600} data-testid="match-summary">
                {matchSummary(result)}
              </Text>
              {result.matched === 0 && (
                <Text size="sm">No row matches yet: check the column and the attribute (or import the events of these profiles first).</Text>
              )}
            </Alert>
          )}
        </div>
      )}
      {preview && <PreviewTable preview={preview} rows={5} highlight={draft.joinColumn} />}
    </Stack>
  );
}

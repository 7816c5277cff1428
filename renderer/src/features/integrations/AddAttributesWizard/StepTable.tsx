import { Alert, Badge, Group, Loader, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { SourcePreview } from '../../../../../common/attributes';
import { errorMessage, useQuery } from '../../../api';
import { locationOf, type Draft } from '../draft';
import { PreviewTable } from '../PreviewTable';
import classes from './AddAttributesWizard.module.css';

export interface StepTableProps {
  draft: Draft;
  update: (change: Partial<Draft>) => void;
  preview: { data: SourcePreview | undefined; error: Error | undefined; loading: boolean };
}

/** Step 2: the table (a Salesforce object, a Snowflake table or view; a CSV file is its own table) and its first rows. */
export function StepTable({ draft, update, preview }: StepTableProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const csv = draft.kind === 'csv';
  const tables = useQuery('sources.tables', { ...locationOf(draft), ...(csv || debounced === '' ? {} : { search: debounced }) });
  const list = tables.data?.tables;

  // A CSV file has one table: take it without asking.
  useEffect(() => {
    if (csv && list && list.length > 0 && draft.table !== list[0]!.name) update({ table: list[0]!.name });
  }, [csv, list, draft.table, update]);

  return (
    <Stack gap="md" data-testid="step-table">
      {!csv && (
        <Stack gap={6}>
          <TextInput
            label={draft.kind === 'salesforce' ? 'Object' : 'Table or view'}
            placeholder={draft.kind === 'salesforce' ? 'Search objects: Contact, Account, Subscription__c…' : 'Search: DATABASE.SCHEMA.TABLE'}
            leftSection={<IconSearch size={16} />}
            rightSection={tables.loading ? <Loader size="xs" /> : null}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            aria-label="Search tables"
          />
          <div className={classes.tableList} role="listbox" aria-label="Tables" data-testid="table-list">
            {list?.map((t) => (
              <UnstyledButton
                key={t.name}
                role="option"
                aria-selected={draft.table === t.name}
                className={classes.tableOption}
                onClick={() => update({ table: t.name })}
                data-table={t.name}
              >
                <Group gap="xs" wrap="nowrap" justify="space-between">
                  <Stack gap={0} className={classes.shrink}>
                    <Text size="sm" fw={600} className={classes.wrap}>
                      {t.label}
                    </Text>
                    {t.name !== t.label && (
                      <Text size="xs" c="dimmed" ff="monospace" className={classes.wrap}>
                        {t.name}
                      </Text>
                    )}
                  </Stack>
                  {t.detail && (
                    <Badge variant="light" color="gray" tt="none" radius="sm" className={classes.noShrink}>
                      {t.detail}
                    </Badge>
                  )}
                </Group>
              </UnstyledButton>
            ))}
            {list && list.length === 0 && (
              <Text size="sm" c="dimmed" p="sm">
                {debounced ? `Nothing matches “${debounced}”.` : 'These credentials can read no table.'}
              </Text>
            )}
            {list === undefined && tables.loading && (
              <Group p="sm">
                <Loader size="sm" type="dots" />
              </Group>
            )}
          </div>
        </Stack>
      )}
      {tables.error && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Could not list the tables" data-testid="step-error">
          {errorMessage(tables.error)}
        </Alert>
      )}
      {draft.table && (
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            First rows of {csv ? draft.fileName : draft.table}
          </Text>
          {preview.error && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="step-error">
              {errorMessage(preview.error)}
            </Alert>
          )}
          {preview.data ? <PreviewTable preview={preview.data} /> : preview.loading && <Loader size="sm" type="dots" />}
        </Stack>
      )}
    </Stack>
  );
}

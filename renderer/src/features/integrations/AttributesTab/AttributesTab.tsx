import { Alert, Button, Code, EmptyState, Group, List, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconTableImport } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import type { SourceInfo } from '../../../../../common/attributes';
import { plural } from '../../../../../common/format';
import { call, errorMessage } from '../../../api';
import { AddAttributesWizard } from '../AddAttributesWizard';
import { RemoveSourceModal } from '../RemoveSourceModal';
import { SourcesTable, type RunningSync, type SourceAction } from '../SourcesTable';
import { SyncHistory } from '../SyncHistory';
import { useSyncJobs } from '../syncJobs';
import { useConnections, useSources } from '../useSources';

/** Every custom attribute with its source and syncs; the "Add attributes" wizard; sync, edit, history, remove. */
export function AttributesTab() {
  const sources = useSources();
  const connections = useConnections();
  const jobs = useSyncJobs();
  const [wizard, setWizard] = useState<{ editing: SourceInfo | null } | null>(null);
  const [history, setHistory] = useState<SourceInfo | null>(null);
  const [removing, setRemoving] = useState<SourceInfo | null>(null);
  // Syncs started here, shown as running before the list says so.
  const [started, setStarted] = useState<Record<string, string>>({});
  const [actionError, setActionError] = useState<string | null>(null);

  const running = useCallback(
    (source: SourceInfo): RunningSync | null => {
      const byProgress = [...jobs.sources].find(([, name]) => name === source.name)?.[0];
      const jobId = source.syncJobId ?? started[source.name] ?? byProgress ?? null;
      if (jobId === null || jobs.ended.has(jobId)) return null;
      return { jobId, rows: jobs.rows.get(jobId) ?? 0, cancelling: jobs.cancelling.has(jobId) };
    },
    [started, jobs],
  );

  const onAction = (action: SourceAction, source: SourceInfo) => {
    setActionError(null);
    if (action === 'sync') {
      call('sources.sync', { name: source.name }).then(
        ({ jobId }) => setStarted((s) => ({ ...s, [source.name]: jobId })),
        (err: unknown) => setActionError(`Could not sync “${source.name}”: ${errorMessage(err)}`),
      );
    } else if (action === 'edit') setWizard({ editing: source });
    else if (action === 'history') setHistory(source);
    else setRemoving(source);
  };

  const list = sources.items;
  const attributes = list?.reduce((n, s) => n + s.attributes.length, 0) ?? 0;
  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setWizard({ editing: null })}>
      Add attributes
    </Button>
  );

  return (
    <Stack gap="md" data-testid="attributes-tab">
      {sources.error && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Could not list the sources">
          {errorMessage(sources.error)}
        </Alert>
      )}
      {actionError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} withCloseButton onClose={() => setActionError(null)}>
          {actionError}
        </Alert>
      )}
      {list === undefined && sources.loading && <Loader size="sm" type="dots" />}
      {list && list.length === 0 && (
        <EmptyState
          icon={<IconTableImport size={32} stroke={1.5} />}
          title="No custom attributes yet"
          py="xl"
          data-testid="no-attributes"
          description={
            <Stack gap="xs" align="center" maw={560} mx="auto">
              <Text size="sm" c="dimmed" ta="center">
                Custom attributes enrich user and account profiles with what your company already knows about them: plan,
                lifetime value, renewal date, owner… They come from a CSV reference table, a Salesforce object or a
                Snowflake table, joined to profiles on a key such as the email or the account id.
              </Text>
              <List size="sm" c="dimmed" ta="left" spacing={2}>
                <List.Item>
                  They become grid columns and can be queried like any attribute: <Code>ltv:&gt;100</Code> or <Code>tier:gold</Code>
                </List.Item>
                <List.Item>Segments, exports and the session chart use them too</List.Item>
                <List.Item>Syncs run by hand or on a schedule, with your own credentials</List.Item>
              </List>
            </Stack>
          }
        >
          <EmptyState.Actions>{addButton}</EmptyState.Actions>
        </EmptyState>
      )}
      {list && list.length > 0 && (
        <>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {plural(attributes, 'attribute')} from {plural(list.length, 'source')}
            </Text>
            {addButton}
          </Group>
          <SourcesTable sources={list} running={running} onAction={onAction} onCancel={jobs.cancel} />
        </>
      )}
      <AddAttributesWizard
        opened={wizard !== null}
        editing={wizard?.editing ?? null}
        sources={list ?? []}
        connections={connections.items ?? []}
        onClose={() => setWizard(null)}
      />
      <SyncHistory source={history} lastReport={history ? (jobs.reports.get(history.name) ?? null) : null} onClose={() => setHistory(null)} />
      <RemoveSourceModal source={removing} onClose={() => setRemoving(null)} />
    </Stack>
  );
}

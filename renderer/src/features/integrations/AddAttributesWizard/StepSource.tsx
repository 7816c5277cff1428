import { Alert, Button, FileInput, Group, Input, Paper, Progress, Radio, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconFileTypeCsv, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { ConnectionInfo, SourceKind } from '../../../../../common/attributes';
import { formatBytes } from '../../../../../common/format';
import { errorMessage, getTransport } from '../../../api';
import { KindCard } from '../../../components/KindCard';
import { ConnectionForm } from '../ConnectionForm';
import type { Draft } from '../draft';
import { KIND_LABELS, KindIcon } from '../KindIcon';
import classes from './AddAttributesWizard.module.css';

export interface StepSourceProps {
  draft: Draft;
  update: (change: Partial<Draft>) => void;
  /** Editing a saved source: its kind of profiles and of source stay. */
  editing: boolean;
  connections: ConnectionInfo[];
}

const KIND_HINTS: Record<SourceKind, string> = {
  csv: 'A spreadsheet export: one row per user or account',
  salesforce: 'Contacts, Leads, Accounts or custom objects',
  snowflake: 'A table or view of your warehouse',
};

/** Step 1: which profiles get the attributes, and where they come from (a CSV file or a connection). */
export function StepSource({ draft, update, editing, connections }: StepSourceProps) {
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<{ loaded: number; total: number } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [identity, setIdentity] = useState<string | null>(null);

  const chooseFile = async (file: File | null) => {
    setUploadError(null);
    setFile(file);
    if (!file) return update({ path: null, table: null });
    setUpload({ loaded: 0, total: file.size });
    try {
      // As the import and the static lists do: an upload id in the browser host, a granted path in Electron.
      const path = await getTransport().stageFile(file, (loaded, total) => setUpload({ loaded, total }));
      update({ path, fileName: file.name, table: null });
    } catch (err) {
      setFile(null);
      setUploadError(errorMessage(err));
    } finally {
      setUpload(null);
    }
  };

  const ofKind = connections.filter((c) => c.kind === draft.kind);
  const chosen = ofKind.find((c) => c.name === draft.connection);

  return (
    <Stack gap="lg" data-testid="step-source">
      <Stack gap={6}>
        <Input.Label>Add attributes to</Input.Label>
        <SegmentedControl
          value={draft.entity}
          onChange={(v) => update({ entity: v as Draft['entity'], joinAttribute: null })}
          data={[
            { value: 'users', label: 'User profiles' },
            { value: 'accounts', label: 'Account profiles' },
          ]}
          disabled={editing}
          aria-label="Profiles"
          className={classes.entity}
        />
      </Stack>
      <Radio.Group
        label="From"
        value={draft.kind}
        onChange={(v) => {
          setCreating(false);
          update({ kind: v as SourceKind, connection: null, path: null, fileName: null, table: null });
        }}
      >
        <SimpleGrid cols={3} spacing="sm" mt={6}>
          {(['csv', 'salesforce', 'snowflake'] as const).map((kind) => (
            <KindCard key={kind} kind={kind} icon={<KindIcon kind={kind} size="lg" />} label={KIND_LABELS[kind]} hint={KIND_HINTS[kind]} disabled={editing && kind !== draft.kind} />
          ))}
        </SimpleGrid>
      </Radio.Group>

      {draft.kind === 'csv' ? (
        <Stack gap={6}>
          <FileInput
            label="CSV file"
            description="UTF-8 (with or without BOM), a header row, commas; quoted fields as spreadsheets write them"
            placeholder={draft.fileName ?? 'Choose a .csv file'}
            accept=".csv,text/csv"
            leftSection={<IconFileTypeCsv size={16} />}
            value={file}
            onChange={(f) => void chooseFile(f)}
            disabled={upload !== null}
            clearable
            data-testid="csv-file"
          />
          {editing && draft.path === null && (
            <Text size="sm" c="dimmed" data-testid="csv-again">
              Choose the file again (it may have changed): the source keeps its values from {draft.fileName ?? 'its file'} until the new sync succeeds.
            </Text>
          )}
          {upload && (
            <Stack gap={2}>
              <Progress value={upload.total > 0 ? (100 * upload.loaded) / upload.total : 0} size="sm" aria-label="Upload progress" />
              <Text size="xs" c="dimmed">
                Uploading {formatBytes(upload.loaded)} of {formatBytes(upload.total)}
              </Text>
            </Stack>
          )}
          {uploadError && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
              {uploadError}
            </Alert>
          )}
        </Stack>
      ) : (
        <Stack gap="sm">
          <Group align="flex-end" gap="sm">
            <Select
              label={`${KIND_LABELS[draft.kind]} connection`}
              placeholder={ofKind.length === 0 ? 'No connection saved yet' : 'Choose a connection'}
              data={ofKind.map((c) => ({ value: c.name, label: c.name }))}
              value={draft.connection}
              onChange={(v) => {
                setIdentity(null);
                update({ connection: v, table: null });
              }}
              className={classes.grow}
              disabled={ofKind.length === 0}
            />
            <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setCreating((c) => !c)} aria-expanded={creating}>
              New connection
            </Button>
          </Group>
          {chosen && !creating && (
            <Text size="sm" c="dimmed" data-testid="connection-identity">
              {identity ?? chosen.identity ? `Connected as ${identity ?? chosen.identity}` : 'Not tested yet: the next step signs in.'}
            </Text>
          )}
          {creating && (
            <Paper withBorder p="md" radius="md">
              <ConnectionForm
                key={draft.kind}
                kind={draft.kind}
                saved={null}
                onCancel={() => setCreating(false)}
                onSaved={(c, who) => {
                  setCreating(false);
                  setIdentity(who);
                  update({ connection: c.name, table: null });
                }}
              />
            </Paper>
          )}
        </Stack>
      )}
    </Stack>
  );
}

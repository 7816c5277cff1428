import { Alert, Button, Code, FileInput, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconFileTypeCsv } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { SegmentImport } from '../../../../../common/types';
import { call, errorMessage, getTransport } from '../../../api';
import { ImportReport } from './ImportReport';

export interface StaticListModalProps {
  opened: boolean;
  onClose: () => void;
  /** Which profiles the list names, proposed (the user may switch). */
  entity: 'users' | 'accounts';
}

/** "New static list…": a CSV of ids (user_id or user_email; account_id) saved as a segment. */
export function StaticListModal({ opened, onClose, entity: initialEntity }: StaticListModalProps) {
  const [name, setName] = useState('');
  const [entity, setEntity] = useState(initialEntity);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<SegmentImport | null>(null);

  useEffect(() => {
    if (!opened) return;
    setName('');
    setEntity(initialEntity);
    setFile(null);
    setError(null);
    setReport(null);
  }, [opened, initialEntity]);

  const submit = async () => {
    if (!file) return setError('Choose a CSV file');
    if (name.trim() === '') return setError('Give the segment a name');
    setBusy(true);
    setError(null);
    try {
      // Like an import's files: an upload id in the browser host, a granted path in Electron.
      const path = await getTransport().stageFile(file, () => {});
      setReport(await call('segments.import', { name: name.trim(), entity, path }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const column = entity === 'users' ? 'user_id or user_email' : 'account_id';
  return (
    <Modal opened={opened} onClose={busy ? () => {} : onClose} title="New static list" size="md">
      <Stack gap="md" data-testid="static-list-dialog">
        {report ? (
          <ImportReport report={report} />
        ) : (
          <>
            <Text size="sm" c="dimmed">
              A fixed set of {entity}: a CSV file with a <Code>{column}</Code> column. Ids that match no profile are reported.
            </Text>
            <SegmentedControl
              value={entity}
              onChange={(v) => setEntity(v as 'users' | 'accounts')}
              data={[
                { value: 'users', label: 'Users' },
                { value: 'accounts', label: 'Accounts' },
              ]}
              disabled={busy}
            />
            <TextInput label="Segment name" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} disabled={busy} />
            <FileInput
              label="CSV file"
              placeholder="Choose a .csv file"
              accept=".csv,text/csv"
              leftSection={<IconFileTypeCsv size={16} />}
              value={file}
              onChange={setFile}
              clearable
              disabled={busy}
            />
            {error && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
                {error}
              </Alert>
            )}
          </>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {report ? 'Close' : 'Cancel'}
          </Button>
          {!report && (
            <Button onClick={() => void submit()} loading={busy}>
              Create list
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

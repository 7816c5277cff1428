import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { SourceInfo } from '../../../../../common/attributes';
import { call, errorMessage } from '../../../api';

export interface RemoveSourceModalProps {
  source: SourceInfo | null;
  onClose: () => void;
}

/** Confirms removing a source: its attributes leave every profile, grid, segment and export. */
export function RemoveSourceModal({ source, onClose }: RemoveSourceModalProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    setBusy(false);
  }, [source]);

  const remove = async () => {
    if (!source) return;
    setBusy(true);
    setError(null);
    try {
      await call('sources.remove', { name: source.name });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const names = source?.attributes.map((a) => a.name) ?? [];
  return (
    <Modal opened={source !== null} onClose={busy ? () => {} : onClose} title={`Remove source “${source?.name ?? ''}”?`} size="md">
      <Stack gap="md" data-testid="remove-source">
        <Text size="sm">
          Removes {names.length === 1 ? 'attribute' : 'attributes'}{' '}
          {names.map((n, i) => (
            <span key={n}>
              {i > 0 && (i === names.length - 1 ? ' and ' : ', ')}
              <Code>{n}</Code>
            </span>
          ))}{' '}
          from every profile.
        </Text>
        {error && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button color="red" onClick={() => void remove()} loading={busy}>
            Remove
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { errorMessage } from '../../api';

export interface ConfirmRemoveModalProps<T> {
  /** What to remove; the dialog is open while set, and starts afresh (no error, not busy) when it changes. */
  item: T | null;
  title: string;
  /** The dialog's `data-testid` (the end-to-end specs find it by this). */
  testId: string;
  /** Removes `item`; the dialog closes when it resolves and shows the error when it rejects. */
  onRemove: (item: T) => Promise<unknown>;
  onClose: () => void;
  /** What removing it does, in a sentence or two. */
  children: ReactNode;
}

/**
 * Confirms removing a named thing (a source, a feed): the body says what goes, Remove runs the
 * removal, and while it runs the dialog can't be dismissed. Shared so every "Remove …?" dialog
 * behaves alike: the same busy state, the same error alert, the same buttons.
 */
export function ConfirmRemoveModal<T>({ item, title, testId, onRemove, onClose, children }: ConfirmRemoveModalProps<T>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    setBusy(false);
  }, [item]);

  const remove = async () => {
    if (!item) return;
    setBusy(true);
    setError(null);
    try {
      await onRemove(item);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={item !== null} onClose={busy ? () => {} : onClose} title={title} size="md">
      <Stack gap="md" data-testid={testId}>
        <Text size="sm">{children}</Text>
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

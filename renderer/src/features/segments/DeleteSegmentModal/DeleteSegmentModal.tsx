import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { call, errorMessage } from '../../../api';

export interface DeleteSegmentModalProps {
  /** The segment to delete; the dialog is open while set. */
  name: string | null;
  onClose: () => void;
  onDeleted?: () => void;
}

/** Confirms deleting a segment (queries naming it with segment:NAME stop reading). */
export function DeleteSegmentModal({ name, onClose, onDeleted }: DeleteSegmentModalProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    if (!name) return;
    setBusy(true);
    try {
      await call('segments.delete', { name });
      setError(null);
      onDeleted?.();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={name !== null} onClose={onClose} title="Delete segment">
      <Stack gap="md">
        <Text size="sm">
          Delete <b>{name}</b>? Queries that name it with <code>segment:</code> will no longer run.
        </Text>
        {error && (
          <Text size="sm" c="red">
            {error}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={busy} onClick={() => void remove()}>
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { errorMessage } from '../../../api';

export interface SegmentNameModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** The name proposed. */
  initial: string;
  submitLabel: string;
  /** Saves under the name; a rejection is shown under the field (a taken name, a bad query). */
  onSubmit: (name: string) => Promise<unknown>;
  children?: ReactNode;
}

/** Asks for a segment name (save, rename, duplicate), showing the core's refusal if any. */
export function SegmentNameModal({ opened, onClose, title, initial, submitLabel, onSubmit, children }: SegmentNameModalProps) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setName(initial);
    setError(null);
  }, [opened, initial]);

  const submit = async () => {
    if (name.trim() === '') return setError('Give the segment a name');
    setSaving(true);
    try {
      await onSubmit(name.trim());
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          {children && (
            <Text size="sm" c="dimmed" component="div">
              {children}
            </Text>
          )}
          <TextInput label="Segment name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} data-autofocus maxLength={200} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { FeedInfo } from '../../../../../common/feeds';
import { call, errorMessage } from '../../../api';

export interface RemoveFeedModalProps {
  feed: FeedInfo | null;
  onClose: () => void;
}

/** Confirms removing a feed: its settings, secrets and history go; the profiles it imported stay. */
export function RemoveFeedModal({ feed, onClose }: RemoveFeedModalProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    setBusy(false);
  }, [feed]);

  const remove = async () => {
    if (!feed) return;
    setBusy(true);
    setError(null);
    try {
      await call('feeds.remove', { name: feed.name });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={feed !== null} onClose={busy ? () => {} : onClose} title={`Remove feed “${feed?.name ?? ''}”?`} size="md">
      <Stack gap="md" data-testid="remove-feed">
        <Text size="sm">
          The profiles it imported stay in the store. Its settings, keys and pull history are removed
          {feed?.pullJobId ? ', and the pull running now is cancelled' : ''}.
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

import { Alert, Center, Loader } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';

/** While the store's info is loading, or why it can't be read. */
export function StoreUnavailable({ error }: { error: Error | undefined }) {
  if (!error) {
    return (
      <Center h="100%">
        <Loader type="dots" />
      </Center>
    );
  }
  return (
    <Center h="100%" p="xl">
      <Alert color="red" variant="light" icon={<IconPlugConnectedX size={20} />} title="Cannot reach the Profile Desk core" maw={560}>
        {error.message}
      </Alert>
    </Center>
  );
}

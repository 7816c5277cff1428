import { Alert, Skeleton, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError } from '../../api';

/** Placeholder while a detail loads. */
export function DetailLoading() {
  return (
    <Stack gap="md" data-testid="detail-loading">
      <Skeleton height={56} radius="md" />
      <Skeleton height={72} radius="md" />
      <Skeleton height={180} radius="md" />
      <Skeleton height={240} radius="md" />
    </Stack>
  );
}

/** A detail that could not load; "not found" is said plainly (the profile may have gone). */
export function DetailError({ error, noun }: { error: Error; noun: string }) {
  const notFound = error instanceof ApiError && error.code === 'not_found';
  return (
    <Alert color={notFound ? 'gray' : 'red'} variant="light" icon={<IconAlertTriangle size={18} />} title={notFound ? `This ${noun} is not in the store` : `Could not load the ${noun}`}>
      {error.message}
    </Alert>
  );
}

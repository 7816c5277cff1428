import { Text } from '@mantine/core';
import { EMPTY } from '../../../../common/format';

/** The visibly empty value: a muted dash. */
export function Muted() {
  return (
    <Text span c="dimmed" aria-label="empty">
      {EMPTY}
    </Text>
  );
}

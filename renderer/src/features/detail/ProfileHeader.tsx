import { ActionIcon, Avatar, CopyButton, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface ProfileHeaderProps {
  /** The main name (falls back to the id). */
  title: string;
  subtitle?: string | null;
  id: string;
  /** Label before the id, e.g. "User ID". */
  idLabel: string;
  badges?: ReactNode;
  actions?: ReactNode;
}

function initials(text: string): string {
  const words = text.replace(/@.*/, '').split(/[\s._-]+/).filter(Boolean);
  return (words.length > 1 ? `${words[0]![0]}${words[1]![0]}` : text.slice(0, 2)).toUpperCase();
}

/** The top of a profile detail: avatar, name, email or subtitle, copyable id, badges, actions. */
export function ProfileHeader({ title, subtitle, id, idLabel, badges, actions }: ProfileHeaderProps) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
      <Group gap="md" wrap="nowrap" align="flex-start" miw={0}>
        <Avatar size="lg" radius="xl" color="violet" variant="light">
          {initials(title)}
        </Avatar>
        <Stack gap={2} miw={0}>
          <Title order={2} size="h3" data-testid="detail-title" lineClamp={1} title={title}>
            {title}
          </Title>
          {subtitle && (
            <Text size="sm" c="dimmed" truncate>
              {subtitle}
            </Text>
          )}
          <Group gap={4} wrap="nowrap">
            <Text size="xs" c="dimmed">
              {idLabel}
            </Text>
            <Text size="xs" ff="monospace" data-testid="detail-id" truncate>
              {id}
            </Text>
            <CopyButton value={id} timeout={1500}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : `Copy ${idLabel}`}>
                  <ActionIcon size="xs" variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={`Copy ${idLabel}`}>
                    {copied ? <IconCheck size={12} /> : <IconCopy size={12} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          {badges && (
            <Group gap={6} mt={4}>
              {badges}
            </Group>
          )}
        </Stack>
      </Group>
      {actions}
    </Group>
  );
}

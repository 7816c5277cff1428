import { ThemeIcon, Tooltip } from '@mantine/core';
import { IconDog, IconFolderSearch, IconWorldDownload } from '@tabler/icons-react';
import type { FeedKind } from '../../../../../common/feeds';
import { FEED_KIND_LABELS } from '../feedDisplay';

const ICONS = { datadog: IconDog, url: IconWorldDownload, folder: IconFolderSearch } as const;
const COLORS = { datadog: 'violet', url: 'blue', folder: 'orange' } as const;

export interface FeedKindIconProps {
  kind: FeedKind;
  size?: 'sm' | 'md' | 'lg';
}

/** A feed's kind as a small coloured icon, named on hover and for screen readers. */
export function FeedKindIcon({ kind, size = 'md' }: FeedKindIconProps) {
  const Icon = ICONS[kind];
  const px = { sm: 14, md: 16, lg: 22 }[size];
  return (
    <Tooltip label={FEED_KIND_LABELS[kind]} withinPortal>
      <ThemeIcon variant="light" color={COLORS[kind]} size={size} radius="sm" aria-label={FEED_KIND_LABELS[kind]} role="img">
        <Icon size={px} />
      </ThemeIcon>
    </Tooltip>
  );
}

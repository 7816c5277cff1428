import { ThemeIcon, Tooltip } from '@mantine/core';
import { IconBrandSnowflake, IconCloud, IconFileTypeCsv } from '@tabler/icons-react';
import type { SourceKind } from '../../../../../common/attributes';

export const KIND_LABELS: Record<SourceKind, string> = {
  csv: 'CSV reference table',
  salesforce: 'Salesforce',
  snowflake: 'Snowflake',
};

const ICONS = { csv: IconFileTypeCsv, salesforce: IconCloud, snowflake: IconBrandSnowflake } as const;
const COLORS = { csv: 'teal', salesforce: 'blue', snowflake: 'cyan' } as const;

export interface KindIconProps {
  kind: SourceKind;
  size?: 'sm' | 'md' | 'lg';
}

/** A source's kind as a small coloured icon, named on hover and for screen readers. */
export function KindIcon({ kind, size = 'md' }: KindIconProps) {
  const Icon = ICONS[kind];
  const px = { sm: 14, md: 16, lg: 22 }[size];
  return (
    <Tooltip label={KIND_LABELS[kind]} withinPortal>
      <ThemeIcon variant="light" color={COLORS[kind]} size={size} radius="sm" aria-label={KIND_LABELS[kind]} role="img">
        <Icon size={px} />
      </ThemeIcon>
    </Tooltip>
  );
}

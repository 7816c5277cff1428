import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import type { AttributeGroup, AttributeSpec, ProfileRow } from '../../../../common/keys';
import { formatNumber } from '../../../../common/format';
import { formatCountry } from '../../lib/format';
import { attributeSections } from '../../features/attributes/catalog';
import { formatBoolean } from '../../features/attributes/values';
import { Muted } from '../Muted';
import { TimeText } from '../TimeText';
import classes from './AttributeList.module.css';

export const GROUP_LABELS: Record<AttributeGroup, string> = {
  identity: 'Identity',
  time: 'Time',
  application: 'Application',
  geo: 'Geo',
  device: 'Device',
  os: 'OS',
  browser: 'Browser',
  activity: 'Activity',
  custom: 'Custom',
};

type BuiltInGroup = Exclude<AttributeGroup, 'custom'>;
const BUILT_IN_GROUPS = Object.keys(GROUP_LABELS).filter((g): g is BuiltInGroup => g !== 'custom');

export interface AttributeListProps {
  profile: ProfileRow;
  specs: readonly AttributeSpec[];
  /** Built-in groups to show, in order; custom attributes follow, a section per source. @default every group of the specs */
  groups?: BuiltInGroup[];
}

function Value({ spec, value }: { spec: AttributeSpec; value: string | number | boolean | null | undefined }) {
  if (value == null || value === '') return <Muted />;
  switch (spec.type) {
    case 'time':
      return <TimeText value={typeof value === 'boolean' ? String(value) : value} />;
    case 'country':
      return <Text span size="sm">{formatCountry(String(value))}</Text>;
    case 'number':
      return <Text span size="sm">{formatNumber(Number(value))}</Text>;
    case 'boolean':
      return <Text span size="sm">{formatBoolean(value)}</Text>;
    default:
      return (
        <Text span size="sm" className={classes.text}>
          {String(value)}
        </Text>
      );
  }
}

/**
 * A profile's attributes grouped as in keys.ts (identity, time, application, geo, device, OS,
 * browser), then the custom ones under the name of the source that imports them.
 */
export function AttributeList({ profile, specs, groups }: AttributeListProps) {
  const order = groups ?? BUILT_IN_GROUPS.filter((g) => specs.some((s) => s.group === g));
  const sections = attributeSections(specs, order, GROUP_LABELS);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" data-testid="attributes">
      {sections.map((section) => {
        return (
          <Paper
            key={section.id}
            withBorder
            radius="md"
            p="sm"
            className={classes.group}
            aria-label={`${section.label} attributes`}
            data-source={section.source}
          >
            <Title order={6} className={section.source ? classes.sourceTitle : classes.title} title={section.source ? `Imported by the source “${section.source}”` : undefined}>
              {section.label}
            </Title>
            <dl className={classes.list}>
              {section.specs.map((spec) => (
                <div key={spec.key} className={classes.row}>
                  <dt title={spec.key}>
                    <Text span size="sm" c="dimmed">
                      {spec.label}
                    </Text>
                  </dt>
                  <dd>
                    <Value spec={spec} value={profile[spec.key]} />
                  </dd>
                </div>
              ))}
            </dl>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}

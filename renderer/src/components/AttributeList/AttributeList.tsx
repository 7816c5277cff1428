import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import type { AttributeGroup, AttributeSpec, ProfileRow } from '../../../../common/keys';
import { formatNumber } from '../../../../common/format';
import { formatCountry } from '../../lib/format';
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
};

export interface AttributeListProps {
  profile: ProfileRow;
  specs: readonly AttributeSpec[];
  /** Groups to show, in order. @default every group of the specs */
  groups?: AttributeGroup[];
}

function Value({ spec, value }: { spec: AttributeSpec; value: string | number | null | undefined }) {
  if (value == null || value === '') return <Muted />;
  switch (spec.type) {
    case 'time':
      return <TimeText value={value} />;
    case 'country':
      return <Text span size="sm">{formatCountry(String(value))}</Text>;
    case 'number':
      return <Text span size="sm">{formatNumber(Number(value))}</Text>;
    default:
      return (
        <Text span size="sm" className={classes.text}>
          {String(value)}
        </Text>
      );
  }
}

/** A profile's attributes grouped as in keys.ts (identity, time, application, geo, device, OS, browser). */
export function AttributeList({ profile, specs, groups }: AttributeListProps) {
  const order = groups ?? [...new Set(specs.map((s) => s.group))];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" data-testid="attributes">
      {order.map((group) => {
        const inGroup = specs.filter((s) => s.group === group);
        if (inGroup.length === 0) return null;
        return (
          <Paper key={group} withBorder radius="md" p="sm" className={classes.group} aria-label={`${GROUP_LABELS[group]} attributes`}>
            <Title order={6} className={classes.title}>
              {GROUP_LABELS[group]}
            </Title>
            <dl className={classes.list}>
              {inGroup.map((spec) => (
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

import { Group, Input, NumberInput, SegmentedControl, Select, Stack, TextInput, type ComboboxItem, type ComboboxItemGroup } from '@mantine/core';
import { IconCalendar, IconSearch } from '@tabler/icons-react';
import { useMemo, type Ref } from 'react';
import type { Interval } from '../../../../common/analytics';
import { formatNumber } from '../../../../common/format';
import type { AttributeSpec } from '../../../../common/keys';
import type { SegmentInfo } from '../../../../common/types';
import { attributeSections } from '../attributes';
import type { AnalyticsControls as Controls, ControlErrors } from './request';

export interface AnalyticsControlsProps {
  controls: Controls;
  onChange: (patch: Partial<Controls>) => void;
  errors: ControlErrors;
  segments: SegmentInfo[];
  /** The attributes a breakdown can use, custom ones included. */
  breakdownAttributes: readonly AttributeSpec[];
  queryRef?: Ref<HTMLInputElement>;
}

const GROUP_LABELS = {
  identity: 'Identity',
  application: 'Application',
  geo: 'Location',
  device: 'Device',
  os: 'Operating system',
  browser: 'Browser',
  activity: 'Activity',
} as const;

/** The breakdown attributes grouped as the column chooser groups them, custom ones by source. */
function breakdownOptions(attributes: readonly AttributeSpec[]): ComboboxItemGroup<ComboboxItem>[] {
  const groups = Object.keys(GROUP_LABELS) as Array<keyof typeof GROUP_LABELS>;
  return attributeSections(attributes, groups, GROUP_LABELS).map((section) => ({
    group: section.label,
    items: section.specs.map((a) => ({ value: a.key, label: a.label })),
  }));
}

/** Which users (query, segment), over which range and buckets, broken down by what. */
export function AnalyticsControls({ controls, onChange, errors, segments, breakdownAttributes, queryRef }: AnalyticsControlsProps) {
  const breakdowns = useMemo(() => breakdownOptions(breakdownAttributes), [breakdownAttributes]);
  const segmentOptions = segments.map((s) => ({
    value: s.name,
    label: s.count === null ? `${s.name} (unreadable)` : `${s.name} · ${formatNumber(s.count)}`,
  }));

  return (
    <Stack gap="xs">
      <Group gap="sm" align="flex-start" wrap="wrap">
        <TextInput
          ref={queryRef}
          label="Users matching"
          placeholder="e.g. last_country_code:(FR OR DE) session_count:>=5"
          leftSection={<IconSearch size={16} />}
          value={controls.query}
          onChange={(e) => onChange({ query: e.currentTarget.value })}
          error={errors.query}
          spellCheck={false}
          autoComplete="off"
          style={{ flex: '1 1 360px' }}
          data-testid="analytics-query"
        />
        <Select
          label="Segment"
          placeholder={segments.length === 0 ? 'No user segments yet' : 'All users'}
          data={segmentOptions}
          value={controls.segment}
          onChange={(segment) => onChange({ segment })}
          clearable
          searchable
          disabled={segments.length === 0 && controls.segment === null}
          w={220}
        />
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        {/* A wrapper for the label alone: the same label style as the inputs beside it. */}
        <Input.Wrapper label="Interval" id="analytics-interval">
          <SegmentedControl
            id="analytics-interval"
            aria-label="Interval"
            data={[
              { value: 'day', label: 'Day' },
              { value: 'week', label: 'Week' },
            ]}
            value={controls.interval}
            onChange={(interval) => onChange({ interval: interval as Interval })}
            display="flex"
          />
        </Input.Wrapper>
        <TextInput
          label="From"
          placeholder="Last 90 days"
          leftSection={<IconCalendar size={16} />}
          value={controls.from}
          onChange={(e) => onChange({ from: e.currentTarget.value })}
          error={errors.from}
          title="A date (2025-03-01) or a relative time (now-30d)"
          w={170}
        />
        <TextInput
          label="To"
          placeholder="Latest data"
          leftSection={<IconCalendar size={16} />}
          value={controls.to}
          onChange={(e) => onChange({ to: e.currentTarget.value })}
          error={errors.to}
          title="A date (2025-03-01) or a relative time (now-30d)"
          w={170}
        />
        <Select
          label="Break down by"
          placeholder="Nothing"
          data={breakdowns}
          value={controls.breakdown}
          onChange={(breakdown) => onChange({ breakdown })}
          clearable
          searchable
          w={220}
        />
        <NumberInput
          label="Top"
          value={controls.top}
          onChange={(top) => typeof top === 'number' && onChange({ top })}
          min={1}
          max={50}
          clampBehavior="strict"
          allowDecimal={false}
          disabled={!controls.breakdown}
          w={80}
        />
      </Group>
    </Stack>
  );
}

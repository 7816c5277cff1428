import { Alert, Button, Center, Group, Loader, LoadingOverlay, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconChartBar, IconChartLine, IconDownload, IconMoodEmpty, IconTable } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState, type Ref } from 'react';
import { formatNumber, plural } from '../../../../common/format';
import { useEvent, useQuery } from '../../api';
import { PageFrame } from '../../app/PageFrame';
import { useStoreInfo } from '../../app/StoreInfo';
import { StoreUnavailable } from '../../components/StoreUnavailable';
import { findSpec, useAttributeCatalog } from '../attributes';
import { EmptyStore } from '../import';
import { AnalyticsControls } from './AnalyticsControls';
import classes from './AnalyticsPage.module.css';
import { rangeLabel, valueLabeller } from './display';
import { downloadText } from './download';
import { breakdownAttributes, DEFAULT_CONTROLS, isBreakdownAttribute, type AnalyticsControls as Controls, type ChartKind } from './request';
import { pivotVolume, volumeCsv } from './series';
import { useVolume } from './useVolume';
import { VolumeChart } from './VolumeChart';
import { VolumeTable } from './VolumeTable';

export interface AnalyticsPageProps {
  queryRef?: Ref<HTMLInputElement>;
}

const BODY_HEIGHT = 380;
/**
 * Past this many buckets (nearly three years of days) neither the chart nor the table can be
 * read, and drawing them would freeze the page for seconds; the CSV still has them all.
 */
const MAX_DRAWN_BUCKETS = 1000;

/** Session volume for any set of users: controls, then the chart or its table. */
export function AnalyticsPage({ queryRef }: AnalyticsPageProps) {
  const { info, error } = useStoreInfo();
  const [controls, setControls] = useState<Controls>(DEFAULT_CONTROLS);
  const [kind, setKind] = useState<ChartKind>('line');
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const onChange = useCallback((patch: Partial<Controls>) => setControls((c) => ({ ...c, ...patch })), []);

  const segments = useQuery('segments.list', { entity: 'users' });
  useEvent('segments.changed', segments.reload);
  const { catalog, loaded } = useAttributeCatalog();
  const attributes = catalog.user;
  const { volume, loading, errors, failure } = useVolume(controls, attributes);
  const breakdownSpec = volume?.breakdown ? findSpec(attributes, volume.breakdown) : undefined;
  const pivoted = useMemo(() => (volume ? pivotVolume(volume, valueLabeller(breakdownSpec)) : undefined), [volume, breakdownSpec]);

  const breakdowns = useMemo(() => breakdownAttributes(attributes), [attributes]);

  // A breakdown by a custom attribute whose source was removed (or whose type changed): back to no breakdown.
  useEffect(() => {
    if (!loaded || controls.breakdown === null) return;
    const spec = findSpec(attributes, controls.breakdown);
    if (!spec || !isBreakdownAttribute(spec)) onChange({ breakdown: null });
  }, [loaded, attributes, controls.breakdown, onChange]);

  if (!info) return <StoreUnavailable error={error} />;
  if (info.users === 0) return <EmptyStore noun="sessions" />;

  const download = () => {
    if (!volume || !pivoted) return;
    const by = volume.breakdown ? `-by-${volume.breakdown}` : '';
    downloadText(`sessions-per-${volume.interval}${by}-${volume.from.slice(0, 10)}.csv`, volumeCsv(pivoted));
  };
  // Built-in labels read inside the sentence ("by last country"); a custom one as its owner named it ("by VIP").
  const breakdownLabel = breakdownSpec && (breakdownSpec.group === 'custom' ? breakdownSpec.label : breakdownSpec.label.toLowerCase());

  return (
    <PageFrame title="Analytics" description="Sessions per day or week for any set of users">
      <div className={classes.scroll}>
        <Stack gap="md" pb="md">
          <Paper withBorder p="md" radius="md">
            <AnalyticsControls
              controls={controls}
              onChange={onChange}
              errors={errors}
              segments={segments.data?.segments ?? []}
              breakdownAttributes={breakdowns}
              queryRef={queryRef}
            />
          </Paper>

          <Paper withBorder p="md" radius="md" pos="relative" data-testid="volume-panel">
            <Group justify="space-between" align="flex-start" mb="md" wrap="wrap" gap="sm">
              <Stack gap={2}>
                <Title order={2} size="h4">
                  Session volume{breakdownLabel ? ` by ${breakdownLabel}` : ''}
                </Title>
                <Text size="sm" c="dimmed" data-testid="volume-summary">
                  {volume && pivoted
                    ? `${plural(pivoted.total, 'session')} · ${rangeLabel(volume.from, volume.to)} · per ${volume.interval}`
                    : ' '}
                </Text>
              </Stack>
              <Group gap="xs">
                <SegmentedControl
                  aria-label="View"
                  size="xs"
                  value={view}
                  onChange={(v) => setView(v as 'chart' | 'table')}
                  data={[
                    { value: 'chart', label: <Labelled icon={<IconChartLine size={14} />} text="Chart" /> },
                    { value: 'table', label: <Labelled icon={<IconTable size={14} />} text="Table" /> },
                  ]}
                />
                <SegmentedControl
                  aria-label="Chart type"
                  size="xs"
                  value={kind}
                  onChange={(v) => setKind(v as ChartKind)}
                  disabled={view !== 'chart'}
                  data={[
                    { value: 'line', label: <Labelled icon={<IconChartLine size={14} />} text="Line" /> },
                    { value: 'bar', label: <Labelled icon={<IconChartBar size={14} />} text={volume?.breakdown ? 'Stacked bars' : 'Bars'} /> },
                  ]}
                />
                <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={download} disabled={!pivoted}>
                  Download CSV
                </Button>
              </Group>
            </Group>

            <LoadingOverlay visible={loading && !!pivoted} overlayProps={{ blur: 1 }} loaderProps={{ type: 'dots' }} />
            {failure ? (
              <Alert color="red" variant="light" title="The session volume could not be computed">
                {failure}
              </Alert>
            ) : !pivoted || !volume ? (
              <Center h={BODY_HEIGHT}>
                {loading ? <Loader type="dots" aria-label="Loading session volume" /> : <Text c="dimmed">Fix the fields above to see the chart.</Text>}
              </Center>
            ) : pivoted.total === 0 ? (
              <Center h={BODY_HEIGHT} data-testid="volume-empty">
                <Stack align="center" gap={4}>
                  <IconMoodEmpty size={32} stroke={1.5} color="var(--mantine-color-dimmed)" />
                  <Text fw={600}>No sessions in this range</Text>
                  <Text size="sm" c="dimmed">
                    None of these users started a session between {rangeLabel(volume.from, volume.to)}.
                  </Text>
                </Stack>
              </Center>
            ) : pivoted.rows.length > MAX_DRAWN_BUCKETS ? (
              <Center h={BODY_HEIGHT} data-testid="volume-too-many">
                <Stack align="center" gap={4} maw={520} ta="center">
                  <Text fw={600}>Too many {volume.interval}s to draw ({formatNumber(pivoted.rows.length)})</Text>
                  <Text size="sm" c="dimmed">
                    Narrow the range{volume.interval === 'day' ? ' or count per week' : ''}; Download CSV has every {volume.interval}.
                  </Text>
                </Stack>
              </Center>
            ) : view === 'chart' ? (
              <VolumeChart pivoted={pivoted} interval={volume.interval} kind={kind} height={BODY_HEIGHT} />
            ) : (
              <VolumeTable pivoted={pivoted} interval={volume.interval} height={BODY_HEIGHT} />
            )}
          </Paper>
        </Stack>
      </div>
    </PageFrame>
  );
}

function Labelled({ icon, text }: { icon: React.ReactNode; text: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      {icon}
      <span>{text}</span>
    </Group>
  );
}

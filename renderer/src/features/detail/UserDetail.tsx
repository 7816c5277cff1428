import { Badge, Button, Grid, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconBuilding } from '@tabler/icons-react';
import { useEvent, useQuery } from '../../api';
import { AttributeList } from '../../components/AttributeList';
import { BarList } from '../../components/BarList';
import { StatCard } from '../../components/StatCard';
import { formatNumber, plural } from '../../../../common/format';
import { countryName, formatDate, formatDateTime, formatRelative } from '../../lib/format';
import { useAttributes } from '../attributes';
import { useDetail } from './DetailProvider';
import { DetailSection } from './DetailSection';
import { DetailError, DetailLoading } from './DetailStatus';
import { ProfileHeader } from './ProfileHeader';
import { SessionsTable } from './SessionsTable';

const str = (v: unknown): string | null => (v == null || v === '' ? null : String(v));

/** One user: identity, activity, most visited pages, frequent actions, sessions, attributes. */
export function UserDetail({ id }: { id: string }) {
  const { data, error, reload } = useQuery('users.get', { id });
  const { open } = useDetail();
  const specs = useAttributes('user');
  useEvent('profiles.changed', ({ kinds }) => {
    if (kinds.includes('user')) reload();
  });
  // A sync replaced custom attribute values, or a removed source took them away.
  useEvent('sources.changed', reload);

  if (error && !data) return <DetailError error={error} noun="user" />;
  if (!data) return <DetailLoading />;

  const p = data.profile;
  const name = str(p.user_name);
  const email = str(p.user_email);
  const country = str(p.last_country_code);
  const badges = [
    country && (
      <Badge key="country" variant="light" color="gray" tt="none" title={country}>
        {countryName(country)}
      </Badge>
    ),
    str(p.last_device_type) && (
      <Badge key="device" variant="light" color="gray" tt="none">
        {str(p.last_device_type)}
      </Badge>
    ),
    str(p.last_browser_name) && (
      <Badge key="browser" variant="light" color="gray" tt="none">
        {[str(p.last_browser_name), str(p.last_browser_version)].filter(Boolean).join(' ')}
      </Badge>
    ),
    str(p.last_os_name) && (
      <Badge key="os" variant="light" color="gray" tt="none">
        {[str(p.last_os_name), str(p.last_os_version)].filter(Boolean).join(' ')}
      </Badge>
    ),
  ].filter(Boolean);

  return (
    <Stack gap="lg" data-testid="user-detail">
      <ProfileHeader
        title={name ?? email ?? id}
        subtitle={name ? email : null}
        id={id}
        idLabel="User ID"
        badges={badges.length > 0 ? badges : undefined}
        actions={
          data.account && (
            <Button
              variant="light"
              leftSection={<IconBuilding size={16} />}
              onClick={() => open({ kind: 'account', id: data.account!.account_id }, { stack: true })}
              data-testid="open-account"
              maw={260}
            >
              <Text span truncate size="sm" fw={600}>
                {data.account.account_name ?? data.account.account_id}
              </Text>
            </Button>
          )
        }
      />

      {/* Counts are short, dates need room: 4 × 2 + 2 × 3 of 14 columns. */}
      <Grid columns={14} gap="xs">
        {[
          ['Sessions', p.session_count],
          ['Views', p.view_count],
          ['Actions', p.action_count],
          ['Errors', p.error_count],
        ].map(([label, n]) => (
          <Grid.Col key={String(label)} span={{ base: 7, sm: 2 }}>
            <StatCard label={String(label)} value={formatNumber(Number(n ?? 0))} tone={label === 'Errors' && Number(n) > 0 ? 'warn' : undefined} />
          </Grid.Col>
        ))}
        <Grid.Col span={{ base: 7, sm: 3 }}>
          <StatCard size="md" label="First seen" value={formatDate(str(p.first_seen))} hint={formatRelative(str(p.first_seen))} title={formatDateTime(str(p.first_seen), true)} />
        </Grid.Col>
        <Grid.Col span={{ base: 7, sm: 3 }}>
          <StatCard size="md" label="Last seen" value={formatDate(str(p.last_seen))} hint={formatRelative(str(p.last_seen))} title={formatDateTime(str(p.last_seen), true)} />
        </Grid.Col>
      </Grid>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <DetailSection title="Most visited pages">
          <BarList
            aria-label="Most visited pages"
            unit="visits"
            emptyText="No page views recorded"
            items={data.pages.map((pg) => ({ key: pg.path, label: <Text span size="sm" truncate ff="monospace">{pg.path}</Text>, value: pg.visits, title: pg.path }))}
          />
        </DetailSection>
        <DetailSection title="Frequent actions">
          <BarList
            aria-label="Frequent actions"
            unit="actions"
            emptyText="No actions recorded"
            items={data.actions.map((a) => ({
              key: `${a.type ?? ''}:${a.name}`,
              title: a.name,
              value: a.count,
              label: (
                <>
                  <Text span size="sm" truncate>
                    {a.name}
                  </Text>
                  {a.type && (
                    <Badge size="xs" variant="outline" color="gray" tt="none">
                      {a.type}
                    </Badge>
                  )}
                </>
              ),
            }))}
          />
        </DetailSection>
      </SimpleGrid>

      <DetailSection
        title="Sessions"
        aside={
          <Text size="xs" c="dimmed">
            {data.sessions.length < data.sessionTotal
              ? `Latest ${formatNumber(data.sessions.length)} of ${plural(data.sessionTotal, 'session')}`
              : plural(data.sessionTotal, 'session')}
          </Text>
        }
      >
        <SessionsTable sessions={data.sessions} />
      </DetailSection>

      <DetailSection title="Attributes" card={false}>
        <AttributeList profile={p} specs={specs} groups={['identity', 'time', 'application', 'geo', 'device', 'os', 'browser']} />
      </DetailSection>
    </Stack>
  );
}

import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useEvent, useQuery } from '../../api';
import { AttributeList } from '../../components/AttributeList';
import { StatCard } from '../../components/StatCard';
import { formatNumber, plural } from '../../../../common/format';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format';
import { useAttributes } from '../attributes';
import { AccountUsersTable } from './AccountUsersTable';
import { useDetail } from './DetailProvider';
import { DetailSection } from './DetailSection';
import { DetailError, DetailLoading } from './DetailStatus';
import { ProfileHeader } from './ProfileHeader';

const str = (v: unknown): string | null => (v == null || v === '' ? null : String(v));

/** One account: its attributes and its users (each opens the user's detail). */
export function AccountDetail({ id }: { id: string }) {
  const { data, error, reload } = useQuery('accounts.get', { id });
  const { open } = useDetail();
  const specs = useAttributes('account');
  useEvent('profiles.changed', ({ kinds }) => {
    if (kinds.includes('account')) reload();
  });
  // A sync replaced custom attribute values, or a removed source took them away.
  useEvent('sources.changed', reload);

  if (error && !data) return <DetailError error={error} noun="account" />;
  if (!data) return <DetailLoading />;

  const p = data.profile;
  const name = str(p.account_name);
  return (
    <Stack gap="lg" data-testid="account-detail">
      <ProfileHeader title={name ?? id} id={id} idLabel="Account ID" />

      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        <StatCard label="Users" value={formatNumber(Number(p.user_count ?? data.userTotal))} />
        <StatCard label="Sessions" value={formatNumber(Number(p.session_count ?? 0))} />
        <StatCard size="md" label="First seen" value={formatDate(str(p.first_seen))} hint={formatRelative(str(p.first_seen))} title={formatDateTime(str(p.first_seen), true)} />
        <StatCard size="md" label="Last seen" value={formatDate(str(p.last_seen))} hint={formatRelative(str(p.last_seen))} title={formatDateTime(str(p.last_seen), true)} />
      </SimpleGrid>

      <DetailSection
        title="Users"
        aside={
          <Text size="xs" c="dimmed">
            {data.users.length < data.userTotal
              ? `Most recent ${formatNumber(data.users.length)} of ${plural(data.userTotal, 'user')}`
              : plural(data.userTotal, 'user')}
          </Text>
        }
      >
        <AccountUsersTable users={data.users} onOpen={(userId) => open({ kind: 'user', id: userId }, { stack: true })} />
      </DetailSection>

      <DetailSection title="Attributes" card={false}>
        <AttributeList profile={p} specs={specs} />
      </DetailSection>
    </Stack>
  );
}

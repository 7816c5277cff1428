import type { Ref } from 'react';
import { PageFrame } from '../../app/PageFrame';
import { useStoreInfo } from '../../app/StoreInfo';
import { useDetail } from '../detail';
import { ProfileGrid } from '../grid';
import { EmptyStore } from '../import';
import { StoreUnavailable } from '../../components/StoreUnavailable';

export interface UsersPageProps {
  searchRef?: Ref<HTMLInputElement>;
}

/** User profiles: the grid, or the empty state while the store has none. */
export function UsersPage({ searchRef }: UsersPageProps) {
  const { info, error } = useStoreInfo();
  const { open } = useDetail();
  if (!info) return <StoreUnavailable error={error} />;
  if (info.users === 0) return <EmptyStore noun="users" />;
  return (
    <PageFrame title="Users" description="One profile per usr.id seen in the RUM events">
      <ProfileGrid kind="user" total={info.users} onOpen={(id) => open({ kind: 'user', id })} searchRef={searchRef} />
    </PageFrame>
  );
}

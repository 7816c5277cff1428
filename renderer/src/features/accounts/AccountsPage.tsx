import type { Ref } from 'react';
import { PageFrame } from '../../app/PageFrame';
import { useStoreInfo } from '../../app/StoreInfo';
import { StoreUnavailable } from '../../components/StoreUnavailable';
import { useDetail } from '../detail';
import { ProfileGrid } from '../grid';
import { EmptyStore } from '../import';

export interface AccountsPageProps {
  searchRef?: Ref<HTMLInputElement>;
}

/** Account profiles: the grid, or an empty state that says why there are none. */
export function AccountsPage({ searchRef }: AccountsPageProps) {
  const { info, error } = useStoreInfo();
  const { open } = useDetail();
  if (!info) return <StoreUnavailable error={error} />;
  if (info.accounts === 0) {
    return (
      <EmptyStore
        noun="accounts"
        description={
          info.users > 0
            ? 'The imported events carry no account.id, so no account profiles were built. Import events from an app that sets the RUM account, or load the sample data.'
            : undefined
        }
      />
    );
  }
  return (
    <PageFrame title="Accounts" description="One profile per account.id seen in the RUM events">
      <ProfileGrid kind="account" total={info.accounts} onOpen={(id) => open({ kind: 'account', id })} searchRef={searchRef} />
    </PageFrame>
  );
}

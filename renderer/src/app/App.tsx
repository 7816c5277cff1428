import { useCallback, useRef, useState } from 'react';
import { AccountsPage } from '../features/accounts';
import { DetailProvider, useDetail } from '../features/detail';
import { ImportProvider, useImport } from '../features/import';
import { UsersPage } from '../features/users';
import { initialPage, rememberPage, type PageId } from './pages';
import { Shell } from './Shell';
import { StoreInfoProvider } from './StoreInfo';
import classes from './App.module.css';
import { useShortcuts } from './useShortcuts';

function Pages() {
  const [page, setPage] = useState<PageId>(initialPage);
  const searchRefs = { users: useRef<HTMLInputElement>(null), accounts: useRef<HTMLInputElement>(null) };
  const { openPicker } = useImport();
  const { close } = useDetail();

  const navigate = useCallback(
    (next: PageId) => {
      setPage(next);
      rememberPage(next);
    },
    [],
  );

  useShortcuts({
    focusSearch: () => {
      close();
      // After the drawer lets go of focus.
      requestAnimationFrame(() => searchRefs[page].current?.focus());
    },
    openImport: openPicker,
  });

  // Both pages stay mounted: switching keeps each grid's scroll, sort and filters.
  return (
    <Shell page={page} onNavigate={navigate}>
      <div className={classes.page} hidden={page !== 'users'} data-page="users">
        <UsersPage searchRef={searchRefs.users} />
      </div>
      <div className={classes.page} hidden={page !== 'accounts'} data-page="accounts">
        <AccountsPage searchRef={searchRefs.accounts} />
      </div>
    </Shell>
  );
}

/** The renderer's root: app-wide state providers around the shell. */
export function App() {
  return (
    <StoreInfoProvider>
      <ImportProvider>
        <DetailProvider>
          <Pages />
        </DetailProvider>
      </ImportProvider>
    </StoreInfoProvider>
  );
}

import { useCallback, useRef, useState, type RefObject } from 'react';
import { AccountsPage } from '../features/accounts';
import { AnalyticsPage } from '../features/analytics';
import { AttributesProvider } from '../features/attributes';
import { DetailProvider, useDetail } from '../features/detail';
import { FeedJobsProvider } from '../features/feeds';
import { ImportProvider, useImport } from '../features/import';
import { IntegrationsPage } from '../features/integrations';
import { SegmentSelectionProvider, SegmentsPage } from '../features/segments';
import { UsersPage } from '../features/users';
import { initialPage, rememberPage, type PageId } from './pages';
import { Shell } from './Shell';
import { StoreInfoProvider } from './StoreInfo';
import classes from './App.module.css';
import { useShortcuts } from './useShortcuts';

function Pages() {
  const [page, setPage] = useState<PageId>(initialPage);
  const searchRefs: Record<PageId, RefObject<HTMLInputElement | null>> = {
    users: useRef<HTMLInputElement>(null),
    accounts: useRef<HTMLInputElement>(null),
    segments: useRef<HTMLInputElement>(null),
    analytics: useRef<HTMLInputElement>(null),
    integrations: useRef<HTMLInputElement>(null),
  };
  // Analytics asks the core for a chart: mounted on the first visit only, then kept like the grids.
  const [analyticsVisited, setAnalyticsVisited] = useState(page === 'analytics');
  // Integrations follows sync jobs (their live rows, their reports): kept mounted once visited.
  const [integrationsVisited, setIntegrationsVisited] = useState(page === 'integrations');
  const { openPicker } = useImport();
  const { close } = useDetail();

  const navigate = useCallback(
    (next: PageId) => {
      setPage(next);
      rememberPage(next);
      if (next === 'analytics') setAnalyticsVisited(true);
      if (next === 'integrations') setIntegrationsVisited(true);
    },
    [],
  );

  // Opening a segment from the Segments page shows it in its grid.
  const showGrid = useCallback((kind: 'user' | 'account') => navigate(kind === 'user' ? 'users' : 'accounts'), [navigate]);

  useShortcuts({
    focusSearch: () => {
      close();
      // After the drawer lets go of focus.
      requestAnimationFrame(() => searchRefs[page].current?.focus());
    },
    openImport: openPicker,
  });

  // Both grids stay mounted: switching keeps each grid's scroll, sort and filters.
  return (
    <SegmentSelectionProvider showGrid={showGrid}>
      <Shell page={page} onNavigate={navigate}>
        <div className={classes.page} hidden={page !== 'users'} data-page="users">
          <UsersPage searchRef={searchRefs.users} />
        </div>
        <div className={classes.page} hidden={page !== 'accounts'} data-page="accounts">
          <AccountsPage searchRef={searchRefs.accounts} />
        </div>
        {/* Mounted while shown only: its live counts would otherwise be recounted at every import batch. */}
        {page === 'segments' && (
          <div className={classes.page} data-page="segments">
            <SegmentsPage />
          </div>
        )}
        {analyticsVisited && (
          <div className={classes.page} hidden={page !== 'analytics'} data-page="analytics">
            <AnalyticsPage queryRef={searchRefs.analytics} />
          </div>
        )}
        {integrationsVisited && (
          <div className={classes.page} hidden={page !== 'integrations'} data-page="integrations">
            <IntegrationsPage />
          </div>
        )}
      </Shell>
    </SegmentSelectionProvider>
  );
}

/** The renderer's root: app-wide state providers around the shell. */
export function App() {
  return (
    <StoreInfoProvider>
      <AttributesProvider>
        <ImportProvider>
          {/* Pulls run by schedule and folder watches from launch: their notices too. */}
          <FeedJobsProvider>
            <DetailProvider>
              <Pages />
            </DetailProvider>
          </FeedJobsProvider>
        </ImportProvider>
      </AttributesProvider>
    </StoreInfoProvider>
  );
}

/** What the handler groups share: the store, its readers, the jobs and the host's policies. */
import type { ProfileKind } from '../../../common/keys';
import type { AttributeCatalog } from '../attributes/catalog';
import type { ConnectionStore } from '../attributes/connection-store';
import type { ConnectorHost } from '../attributes/connectors';
import type { SourceStore } from '../attributes/source-store';
import type { SyncJobs } from '../attributes/sync-jobs';
import type { EventBus } from '../events';
import type { FeedJobs } from '../feeds/feed-jobs';
import type { FeedStore } from '../feeds/feed-store';
import type { JobManager } from '../jobs/jobs';
import type { BlockReader } from '../query/blocks';
import type { SegmentStore } from '../segments/segments';
import type { SelectionResolver } from '../segments/selection';
import type { Db } from '../store/open';
import type { CoreOptions, ExportTargets, ImportSources } from '../types';

export interface HandlerContext {
  options: CoreOptions;
  db: Db;
  /** Every attribute, custom ones included: read tables through it, never TABLES directly. */
  catalog: AttributeCatalog;
  now: () => number;
  events: EventBus;
  blocks: BlockReader;
  jobs: JobManager;
  segments: SegmentStore;
  selection: SelectionResolver;
  sources: ImportSources;
  targets: ExportTargets;
  /** Custom attribute sources, connections, and their syncs (ARCHITECTURE.md §10). */
  attributeSources: SourceStore;
  connections: ConnectionStore;
  connectorHost: ConnectorHost;
  syncs: SyncJobs;
  /** Pulled feeds and their pulls (ARCHITECTURE.md §11). */
  feeds: FeedStore;
  feedJobs: FeedJobs;
}

export const KINDS: Record<'users' | 'accounts', ProfileKind> = { users: 'user', accounts: 'account' };

/** What the handler groups share: the store, its readers, the jobs and the host's policies. */
import type { ProfileKind } from '../../../common/keys';
import type { EventBus } from '../events';
import type { JobManager } from '../jobs/jobs';
import type { BlockReader } from '../query/blocks';
import type { SegmentStore } from '../segments/segments';
import type { SelectionResolver } from '../segments/selection';
import type { Db } from '../store/open';
import type { CoreOptions, ExportTargets, ImportSources } from '../types';

export interface HandlerContext {
  options: CoreOptions;
  db: Db;
  now: () => number;
  events: EventBus;
  blocks: BlockReader;
  jobs: JobManager;
  segments: SegmentStore;
  selection: SelectionResolver;
  sources: ImportSources;
  targets: ExportTargets;
}

export const KINDS: Record<'users' | 'accounts', ProfileKind> = { users: 'user', accounts: 'account' };

import type { FeedInfo } from '../../../../../common/feeds';
import { call } from '../../../api';
import { ConfirmRemoveModal } from '../../../components/ConfirmRemoveModal';

export interface RemoveFeedModalProps {
  feed: FeedInfo | null;
  onClose: () => void;
}

/** Confirms removing a feed: its settings, secrets and history go; the profiles it imported stay. */
export function RemoveFeedModal({ feed, onClose }: RemoveFeedModalProps) {
  return (
    <ConfirmRemoveModal
      item={feed}
      title={`Remove feed “${feed?.name ?? ''}”?`}
      testId="remove-feed"
      onRemove={(f) => call('feeds.remove', { name: f.name })}
      onClose={onClose}
    >
      The profiles it imported stay in the store. Its settings, keys and pull history are removed
      {feed?.pullJobId ? ', and the pull running now is cancelled' : ''}.
    </ConfirmRemoveModal>
  );
}

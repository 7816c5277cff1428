import { Notification, Portal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconPlayerStop } from '@tabler/icons-react';
import { useEffect } from 'react';
import type { FeedPullReport } from '../../../../../common/feeds';
import type { ApiErrorData } from '../../../../../common/types';
import { pullSummary } from '../feedDisplay';
import classes from './FeedNotifications.module.css';

export interface FeedNotice {
  /** The pull's job id. */
  id: string;
  /** The feed's name, when known. */
  feed: string | null;
  end: { ok: true; report: FeedPullReport } | { ok: false; error: ApiErrorData };
}

export interface FeedNotificationsProps {
  notices: FeedNotice[];
  onDismiss: (id: string) => void;
}

/** Successes go away by themselves; a failure stays longer, its reason being worth reading. */
const SHOWN_MS = { ok: 8000, failed: 20000 } as const;

function NoticeItem({ notice, onDismiss }: { notice: FeedNotice; onDismiss: (id: string) => void }) {
  const { end } = notice;
  const name = notice.feed ? `“${notice.feed}”` : 'a feed';
  const cancelled = !end.ok && end.error.code === 'cancelled';
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(notice.id), end.ok || cancelled ? SHOWN_MS.ok : SHOWN_MS.failed);
    return () => clearTimeout(timer);
  }, [notice.id, end.ok, cancelled, onDismiss]);

  const status = end.ok ? 'ok' : cancelled ? 'cancelled' : 'failed';
  const title = end.ok ? `Pulled ${name}` : cancelled ? `Pull of ${name} cancelled` : `Pull of ${name} failed`;
  const icon = end.ok ? <IconCheck size={18} /> : cancelled ? <IconPlayerStop size={18} /> : <IconAlertTriangle size={18} />;
  return (
    <Notification
      title={title}
      color={end.ok ? 'teal' : cancelled ? 'yellow' : 'red'}
      icon={icon}
      onClose={() => onDismiss(notice.id)}
      withBorder
      data-testid="feed-notification"
      data-status={status}
      className={classes.notice}
      closeButtonProps={{ 'aria-label': 'Dismiss' }}
    >
      <Text size="sm" className={classes.body}>
        {end.ok ? pullSummary(end.report, end.report.kind) : cancelled ? 'What it imported before the cancel is kept.' : end.error.message}
      </Text>
    </Notification>
  );
}

/** Pulls that just ended, stacked in a corner above every page. */
export function FeedNotifications({ notices, onDismiss }: FeedNotificationsProps) {
  if (notices.length === 0) return null;
  return (
    <Portal>
      <Stack gap="xs" className={classes.stack} role="log" aria-label="Feed notifications">
        {notices.slice(-4).map((n) => (
          <NoticeItem key={n.id} notice={n} onDismiss={onDismiss} />
        ))}
      </Stack>
    </Portal>
  );
}

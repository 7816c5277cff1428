import { Alert, Button, Group, Modal, ScrollArea, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconPlayerStop } from '@tabler/icons-react';
import type { ImportSummary } from '../../../../../common/types';
import { basename } from '../../../../../common/format';
import type { ImportOutcome } from '../ImportProvider';
import classes from './ImportSummaryModal.module.css';
import { SummaryDetails } from './SummaryDetails';

export interface ImportSummaryModalProps {
  /** The outcome to show; null keeps the dialog closed. */
  outcome: ImportOutcome | null;
  onClose: () => void;
}

type Tone = { title: string; color: string; icon: React.ReactNode };

function toneOf(outcome: ImportOutcome): Tone {
  const cancelled = outcome.ok
    ? outcome.result.cancelled
    : ('code' in outcome.error && outcome.error.code === 'cancelled') || ('result' in outcome && outcome.result?.cancelled === true);
  if (cancelled) return { title: 'Import cancelled', color: 'yellow', icon: <IconPlayerStop size={22} /> };
  if (outcome.ok) {
    const failed = outcome.result.files.filter((f) => f.status === 'failed').length;
    if (failed > 0 && failed === outcome.result.files.length) {
      return { title: 'Import failed', color: 'red', icon: <IconAlertTriangle size={22} /> };
    }
    if (failed > 0) return { title: 'Import finished with problems', color: 'orange', icon: <IconAlertTriangle size={22} /> };
    const title = outcome.kind === 'sample' ? 'Sample data loaded' : 'Import finished';
    return { title, color: 'teal', icon: <IconCircleCheck size={22} /> };
  }
  return { title: 'Import failed', color: 'red', icon: <IconAlertTriangle size={22} /> };
}

function unchanged(summary: ImportSummary | undefined): boolean {
  return !summary || (summary.users.new + summary.users.updated + summary.accounts.new + summary.accounts.updated === 0);
}

/** The summary shown when an import or sample load ends: counts, skipped records, errors. */
export function ImportSummaryModal({ outcome, onClose }: ImportSummaryModalProps) {
  const tone = outcome ? toneOf(outcome) : null;
  const summary = outcome && 'result' in outcome ? outcome.result : undefined;
  const failed = outcome && !outcome.ok ? outcome.error : null;
  const failedFiles = summary?.files.filter((f) => f.status === 'failed') ?? [];

  return (
    <Modal
      opened={outcome !== null}
      onClose={onClose}
      size="xl"
      scrollAreaComponent={ScrollArea.Autosize}
      title={
        tone && (
          <Group gap="sm">
            <ThemeIcon variant="light" color={tone.color} radius="xl" size="lg">
              {tone.icon}
            </ThemeIcon>
            <Title order={3} data-testid="import-summary-title">
              {tone.title}
            </Title>
          </Group>
        )
      }
    >
      <Stack gap="md" data-testid="import-summary">
        {failed && tone?.title === 'Import failed' && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="What went wrong">
            <Text size="sm" className={classes.message}>
              {failed.message}
            </Text>
          </Alert>
        )}
        {failedFiles.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={failedFiles.length === 1 ? 'A file could not be imported' : `${failedFiles.length} files could not be imported`} data-testid="failed-files">
            <Stack gap={4}>
              {failedFiles.map((f, i) => (
                <Text key={`${f.file}-${i}`} size="sm" className={classes.message}>
                  <b>{basename(f.file)}</b>: {f.error ?? 'failed'}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        {tone?.title === 'Import cancelled' && (
          <Alert color="yellow" variant="light">
            {unchanged(summary)
              ? 'The import was stopped before it changed any profile: the store is as it was.'
              : 'The import was stopped; the counts below say what had been applied.'}
          </Alert>
        )}
        {summary && <SummaryDetails summary={summary} />}
        <Group justify="flex-end">
          <Button onClick={onClose} data-autofocus>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

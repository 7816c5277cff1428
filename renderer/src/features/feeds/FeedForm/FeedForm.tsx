import { Alert, Button, Group, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDownload, IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import type { FeedInfo, FeedKind } from '../../../../../common/feeds';
import { FEED_KINDS } from '../../../../../common/feeds';
import { ApiError, call, errorMessage } from '../../../api';
import { KindCard } from '../../../components/KindCard';
import { FEED_KIND_LABELS } from '../feedDisplay';
import { fieldOfError, initialValues, suggestedName, toDefinition, type FeedFormValues, type FieldErrors } from '../feedForm';
import { FeedKindIcon } from '../FeedKindIcon';
import { DatadogFields } from './DatadogFields';
import classes from './FeedForm.module.css';
import { folderDialog, FolderFields } from './FolderFields';
import { ScheduleField } from './ScheduleField';
import { UrlFields } from './UrlFields';

const KIND_HINTS: Record<FeedKind, string> = {
  datadog: 'The RUM Events API, with your keys',
  url: 'An event file at an HTTP(S) address',
  folder: 'Event files dropped into a folder',
};

export interface FeedFormProps {
  /** The feed to edit; null for a new one. */
  saved: FeedInfo | null;
  /** Saved; `jobId` is the pull started with it (Save & pull). */
  onSaved: (feed: FeedInfo, jobId: string | null) => void;
  onCancel: () => void;
}

type Busy = 'test' | 'save' | 'pull' | null;
type TestResult = { ok: true; message: string } | { ok: false; message: string };

/**
 * A feed's settings. Secrets are write-only: typed ones are sent, saved ones show as saved and
 * are kept when left empty. Test reads the feed as typed (with the saved secrets when editing)
 * without importing anything.
 */
export function FeedForm({ saved, onSaved, onCancel }: FeedFormProps) {
  const [values, setValues] = useState<FeedFormValues>(() => initialValues(saved?.kind ?? 'datadog', saved));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<Busy>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [test, setTest] = useState<TestResult | null>(null);

  const set = <K extends keyof FeedFormValues>(field: K, value: FeedFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => {
      const next: Record<string, string | undefined> = { ...e };
      delete next[field];
      // The minutes between pulls are the schedule's error.
      if (field === 'everyMinutes') delete next.schedule;
      return next;
    });
    setTest(null);
  };

  /** The definition as typed, or null with the errors shown beside their fields. */
  const definition = () => {
    const result = toDefinition(values, saved);
    if (!result.ok) {
      setErrors(result.errors);
      return null;
    }
    setErrors({});
    return result.feed;
  };

  /** A refusal of the core beside the field it names, else above the buttons. */
  const showRefusal = (err: unknown, asTest: boolean) => {
    const named = err instanceof ApiError && err.code === 'invalid_input' ? fieldOfError(err, values.auth) : null;
    if (named) setErrors((e) => ({ ...e, [named.field]: named.message }));
    else if (asTest) setTest({ ok: false, message: errorMessage(err) });
    else setFailure(errorMessage(err));
  };

  const runTest = async () => {
    setFailure(null);
    setTest(null);
    const feed = definition();
    if (!feed) return;
    setBusy('test');
    try {
      const { message } = await call('feeds.test', { feed, current: saved?.name });
      setTest({ ok: true, message });
    } catch (err) {
      showRefusal(err, true);
    } finally {
      setBusy(null);
    }
  };

  const save = async (pull: boolean) => {
    setFailure(null);
    const feed = definition();
    if (!feed) return;
    setBusy(pull ? 'pull' : 'save');
    try {
      const { feed: info, jobId } = await call('feeds.save', { feed, current: saved?.name, pull });
      onSaved(info, jobId);
    } catch (err) {
      showRefusal(err, false);
    } finally {
      setBusy(null);
    }
  };

  const disabled = busy !== null;
  // The browser host can't watch folders (a page can't name them): they are added in the app or the CLI.
  const noFolders = folderDialog() === null && saved === null;
  const fieldProps = { values, set, errors, savedSecrets: saved?.secrets ?? [], disabled };
  const KindFields = values.kind === 'datadog' ? DatadogFields : values.kind === 'url' ? UrlFields : FolderFields;
  return (
    <Stack gap="md" data-testid="feed-form" data-kind={values.kind}>
      <Radio.Group
        label="Kind"
        value={values.kind}
        onChange={(v) => {
          // Each kind starts from its defaults; the name typed so far stays.
          setValues((old) => ({ ...initialValues(v as FeedKind), name: old.name }));
          setErrors({});
          setTest(null);
        }}
      >
        <SimpleGrid cols={3} spacing="sm" mt={6}>
          {FEED_KINDS.map((kind) => (
            <KindCard
              key={kind}
              kind={kind}
              icon={<FeedKindIcon kind={kind} size="lg" />}
              label={FEED_KIND_LABELS[kind]}
              hint={kind === 'folder' && noFolders ? 'Added in the desktop app or the CLI' : KIND_HINTS[kind]}
              disabled={(saved !== null && kind !== values.kind) || (kind === 'folder' && noFolders)}
              aria-label={FEED_KIND_LABELS[kind]}
            />
          ))}
        </SimpleGrid>
      </Radio.Group>
      <TextInput
        label="Name"
        placeholder={suggestedName(values)}
        value={values.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={errors.name}
        maxLength={100}
        disabled={disabled}
      />
      <KindFields {...fieldProps} />
      <ScheduleField {...fieldProps} />
      <div className={classes.footer}>
        {test && (
          <Alert
            color={test.ok ? 'teal' : 'red'}
            variant="light"
            icon={test.ok ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
            data-testid="feed-test-result"
            data-ok={test.ok}
            className={classes.result}
            withCloseButton
            onClose={() => setTest(null)}
          >
            {test.message}
          </Alert>
        )}
        {failure && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="feed-form-error" className={classes.result}>
            {failure}
          </Alert>
        )}
        <Group justify="space-between" gap="xs">
          <Button variant="default" leftSection={<IconPlugConnected size={16} />} onClick={() => void runTest()} loading={busy === 'test'} disabled={disabled && busy !== 'test'}>
            Test
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={onCancel} disabled={disabled}>
              Cancel
            </Button>
            <Button variant="light" onClick={() => void save(false)} loading={busy === 'save'} disabled={disabled && busy !== 'save'}>
              Save
            </Button>
            <Button leftSection={<IconDownload size={16} />} onClick={() => void save(true)} loading={busy === 'pull'} disabled={disabled && busy !== 'pull'}>
              {values.kind === 'folder' ? 'Save & scan' : 'Save & pull'}
            </Button>
          </Group>
        </Group>
      </div>
    </Stack>
  );
}

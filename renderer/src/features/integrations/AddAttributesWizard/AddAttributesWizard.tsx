import { Alert, Button, Group, Modal, Stack, Stepper } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ConnectionInfo, SourceInfo } from '../../../../../common/attributes';
import { ACCOUNT_ATTRIBUTES, USER_ATTRIBUTES } from '../../../../../common/keys';
import { call, errorMessage, useQuery } from '../../../api';
import { draftFromSource, emptyDraft, hasLocation, locationOf, mergeColumns, suggestSourceName, toDefinition, type ColumnChoice, type Draft } from '../draft';
import { placeError, STEPS, type StepId } from '../errorStep';
import { suggestJoin, suggestName } from '../suggest';
import { columnErrors, StepColumns, type Taken } from './StepColumns';
import { StepJoin } from './StepJoin';
import { StepSchedule } from './StepSchedule';
import { StepSource } from './StepSource';
import { StepTable } from './StepTable';
import { SyncResult } from './SyncResult';
import classes from './AddAttributesWizard.module.css';

export interface AddAttributesWizardProps {
  opened: boolean;
  /** A saved source to edit (saved with `replace: true`), or null for a new one. */
  editing: SourceInfo | null;
  sources: SourceInfo[];
  connections: ConnectionInfo[];
  onClose: () => void;
}

const STEP_LABELS: Record<StepId, { label: string; description: string }> = {
  source: { label: 'Source', description: 'File or connection' },
  table: { label: 'Table', description: 'First rows' },
  join: { label: 'Join', description: 'Key ↔ profile' },
  attributes: { label: 'Attributes', description: 'Names and types' },
  schedule: { label: 'Schedule', description: 'Save and sync' },
};

/** "Add attributes": the five steps from a file or connection to a saved, synced source. */
export function AddAttributesWizard({ opened, editing, sources, connections, onClose }: AddAttributesWizardProps) {
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [active, setActive] = useState(0);
  const [errors, setErrors] = useState<Partial<Record<StepId, string>>>({});
  // The core refused one attribute: its column, and why (shown beside its name).
  const [refused, setRefused] = useState<{ column: string; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<{ name: string; jobId: string | null } | null>(null);

  useEffect(() => {
    if (!opened) return;
    setDraft(editing ? draftFromSource(editing) : emptyDraft());
    setActive(0);
    setErrors({});
    setRefused(null);
    setSaved(null);
  }, [opened, editing]);

  const update = useCallback((change: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setErrors({});
    setRefused(null);
  }, []);
  const setColumn = useCallback((column: string, change: Partial<ColumnChoice>) => {
    setDraft((d) => ({ ...d, columns: { ...d.columns, [column]: { ...d.columns[column]!, ...change } } }));
    setErrors({});
    setRefused(null);
  }, []);

  const preview = useQuery(
    'sources.preview',
    opened && hasLocation(draft) && draft.table !== null ? { ...locationOf(draft), ...(draft.kind === 'csv' ? {} : { table: draft.table }), limit: 20 } : null,
  );
  const columns = useMemo(() => preview.data?.columns ?? [], [preview.data]);

  // New columns get a suggested name and type; an unset join is guessed from the column names.
  useEffect(() => {
    if (columns.length === 0) return;
    setDraft((d) => {
      const guess = d.joinColumn === null ? suggestJoin(columns, d.entity) : null;
      return {
        ...d,
        columns: mergeColumns(d.columns, columns, suggestName),
        ...(guess ? { joinColumn: guess.column, joinAttribute: d.joinAttribute ?? guess.attribute } : {}),
      };
    });
  }, [columns]);

  const taken: Taken = useMemo(() => {
    // `segment:NAME` is the query language's own key.
    const builtIn = new Set([...(draft.entity === 'users' ? USER_ATTRIBUTES : ACCOUNT_ATTRIBUTES).map((a) => a.key), 'segment']);
    const otherSources = new Map(
      sources.filter((s) => s.entity === draft.entity && s.name !== editing?.name).flatMap((s) => s.attributes.map((a) => [a.name, s.name] as const)),
    );
    return { builtIn, otherSources };
  }, [sources, draft.entity, editing]);

  const selectedColumns = columns.map((c) => c.name).filter((c) => draft.columns[c]?.selected);
  const names = selectedColumns.map((c) => draft.columns[c]!.name.trim());
  const nameProblem =
    draft.name.trim() === ''
      ? 'Give the source a name'
      : !editing && sources.some((s) => s.name === draft.name.trim())
        ? `A source named “${draft.name.trim()}” exists already`
        : null;
  const ready: boolean[] = [
    hasLocation(draft),
    draft.table !== null && preview.data !== undefined && !preview.error,
    draft.joinColumn !== null && draft.joinAttribute !== null,
    names.length > 0 && Object.keys(columnErrors(draft, taken)).length === 0,
    nameProblem === null && (draft.schedule !== 'every' || (draft.everyMinutes >= 5 && draft.everyMinutes <= 10080)),
  ];

  const next = () => {
    if (active === 3 && draft.name.trim() === '') update({ name: suggestSourceName(draft) });
    setActive((a) => a + 1);
  };

  const save = async () => {
    // An earlier step may have become invalid meanwhile (another source took a name): go there.
    const stale = ready.findIndex((ok) => !ok);
    if (stale >= 0 && stale < STEPS.length - 1) {
      setActive(stale);
      return;
    }
    setSaving(true);
    setErrors({});
    try {
      const { source, jobId } = await call('sources.save', { source: toDefinition(draft, columns), replace: editing !== null, sync: true });
      setSaved({ name: source.name, jobId });
      setActive(STEPS.length);
    } catch (err) {
      const { step, attribute } = placeError(err, names, draft.joinColumn);
      const column = attribute === null ? undefined : selectedColumns[attribute];
      setErrors({ [step]: errorMessage(err) });
      setRefused(column === undefined ? null : { column, message: errorMessage(err) });
      setActive(STEPS.indexOf(step));
    } finally {
      setSaving(false);
    }
  };

  const stepError = (step: StepId) =>
    errors[step] ? (
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} mb="md" title="Could not save" data-testid="step-error">
        {errors[step]}
      </Alert>
    ) : null;

  const body: Record<StepId, React.ReactNode> = {
    source: <StepSource draft={draft} update={update} editing={editing !== null} connections={connections} />,
    table: <StepTable draft={draft} update={update} preview={preview} />,
    join: <StepJoin draft={draft} update={update} preview={preview.data} />,
    attributes: <StepColumns draft={draft} columns={columns} taken={taken} setColumn={setColumn} refused={refused} />,
    schedule: <StepSchedule draft={draft} update={update} editing={editing !== null} nameProblem={nameProblem} names={names} />,
  };

  const done = saved !== null;
  return (
    <Modal
      opened={opened}
      onClose={saving ? () => {} : onClose}
      title={editing ? `Edit source “${editing.name}”` : 'Add attributes'}
      size={1100}
      closeOnClickOutside={false}
      classNames={{ body: classes.modalBody }}
    >
      <Stack gap="lg" data-testid="attributes-wizard">
        <Stepper
          active={active}
          onStepClick={done || saving ? undefined : setActive}
          allowNextStepsSelect={false}
          size="sm"
          classNames={{ content: classes.stepContent }}
        >
          {STEPS.map((step) => (
            <Stepper.Step key={step} label={STEP_LABELS[step].label} description={STEP_LABELS[step].description} data-step={step}>
              {stepError(step)}
              {body[step]}
            </Stepper.Step>
          ))}
          <Stepper.Completed>{saved && <SyncResult sourceName={saved.name} jobId={saved.jobId} />}</Stepper.Completed>
        </Stepper>
        <Group justify="space-between" className={classes.footer}>
          <Button variant="default" onClick={onClose} disabled={saving}>
            {done ? 'Close' : 'Cancel'}
          </Button>
          {!done && (
            <Group gap="xs">
              {active > 0 && (
                <Button variant="default" onClick={() => setActive((a) => a - 1)} disabled={saving}>
                  Back
                </Button>
              )}
              {active < STEPS.length - 1 ? (
                <Button onClick={next} disabled={!ready[active]}>
                  Next
                </Button>
              ) : (
                <Button onClick={() => void save()} disabled={!ready[STEPS.length - 1]} loading={saving}>
                  Save & sync
                </Button>
              )}
            </Group>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

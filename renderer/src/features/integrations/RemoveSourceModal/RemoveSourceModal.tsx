import { Code } from '@mantine/core';
import type { SourceInfo } from '../../../../../common/attributes';
import { call } from '../../../api';
import { ConfirmRemoveModal } from '../../../components/ConfirmRemoveModal';

export interface RemoveSourceModalProps {
  source: SourceInfo | null;
  onClose: () => void;
}

/** Confirms removing a source: its attributes leave every profile, grid, segment and export. */
export function RemoveSourceModal({ source, onClose }: RemoveSourceModalProps) {
  const names = source?.attributes.map((a) => a.name) ?? [];
  return (
    <ConfirmRemoveModal
      item={source}
      title={`Remove source “${source?.name ?? ''}”?`}
      testId="remove-source"
      onRemove={(s) => call('sources.remove', { name: s.name })}
      onClose={onClose}
    >
      Removes {names.length === 1 ? 'attribute' : 'attributes'}{' '}
      {names.map((n, i) => (
        <span key={n}>
          {i > 0 && (i === names.length - 1 ? ' and ' : ', ')}
          <Code>{n}</Code>
        </span>
      ))}{' '}
      from every profile.
    </ConfirmRemoveModal>
  );
}

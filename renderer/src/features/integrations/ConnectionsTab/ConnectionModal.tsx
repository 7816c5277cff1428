import { Modal } from '@mantine/core';
import type { ConnectionInfo, ConnectionKind } from '../../../../../common/attributes';
import { ConnectionForm } from '../ConnectionForm';
import { KIND_LABELS } from '../KindIcon';

export interface ConnectionModalProps {
  /** What to edit: a kind for a new connection, or a saved one; null when closed. */
  editing: { kind: ConnectionKind; saved: ConnectionInfo | null } | null;
  onClose: () => void;
}

export function ConnectionModal({ editing, onClose }: ConnectionModalProps) {
  const title = editing ? `${editing.saved ? 'Edit' : 'New'} ${KIND_LABELS[editing.kind]} connection` : '';
  return (
    <Modal opened={editing !== null} onClose={onClose} title={title} size="lg">
      {editing && <ConnectionForm kind={editing.kind} saved={editing.saved} onSaved={onClose} onCancel={onClose} />}
    </Modal>
  );
}

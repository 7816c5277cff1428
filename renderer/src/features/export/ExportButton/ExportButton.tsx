import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFileExport } from '@tabler/icons-react';
import { useState } from 'react';
import { ExportDialog, type ExportDialogProps } from '../ExportDialog';

export interface ExportButtonProps extends Omit<ExportDialogProps, 'opened' | 'onClose' | 'selection' | 'columns'> {
  /** Read when the dialog opens, so it exports what the grid shows at that moment. */
  current: () => Pick<ExportDialogProps, 'selection' | 'columns'>;
}

/** "Export CSV" in the grid toolbar. */
export function ExportButton({ current, ...props }: ExportButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const [snapshot, setSnapshot] = useState<Pick<ExportDialogProps, 'selection' | 'columns'>>({ selection: {}, columns: [] });
  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconFileExport size={16} />}
        onClick={() => {
          setSnapshot(current());
          open();
        }}
      >
        Export CSV
      </Button>
      <ExportDialog opened={opened} onClose={close} {...props} {...snapshot} />
    </>
  );
}

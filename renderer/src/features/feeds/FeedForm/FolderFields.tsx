import { Button, Group, TextInput } from '@mantine/core';
import { IconFolderOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../api';
import type { FeedFieldsProps } from './fields';
import classes from './FeedForm.module.css';

/** The app's folder dialog; null in the browser host (a page can't name folders on the computer). */
export function folderDialog(): (() => Promise<string | null>) | null {
  const bridge = window.profileDesk;
  return bridge ? () => bridge.chooseFolder() : null;
}

/**
 * A folder whose new event files are imported once each. The app watches only a folder chosen
 * in its folder dialog, so the path comes from Browse there; the browser host adds none.
 */
export function FolderFields({ values, set, errors, disabled }: FeedFieldsProps) {
  const choose = folderDialog();
  const [failure, setFailure] = useState<string | null>(null);
  const browse = async () => {
    if (!choose) return;
    setFailure(null);
    try {
      const path = await choose();
      if (path) set('path', path);
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput
        label="Folder"
        placeholder={choose ? 'Choose a folder…' : '/home/you/rum-exports'}
        description="Event files dropped into it are imported once each, when completely written, while the app runs"
        value={values.path}
        onChange={(e) => set('path', e.currentTarget.value)}
        error={errors.path ?? failure}
        required
        // The app accepts only a folder chosen in its dialog: typing one would be refused.
        readOnly={choose !== null}
        disabled={disabled}
        spellCheck={false}
        className={classes.grow}
      />
      {choose && (
        <Button variant="default" leftSection={<IconFolderOpen size={16} />} onClick={() => void browse()} disabled={disabled} mb={errors.path || failure ? 22 : 0}>
          Browse…
        </Button>
      )}
    </Group>
  );
}

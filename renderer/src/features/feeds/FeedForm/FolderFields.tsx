import { TextInput } from '@mantine/core';
import { getTransport } from '../../../api';
import type { FeedFieldsProps } from './fields';

/** A folder on the host whose new event files are imported once each. */
export function FolderFields({ values, set, errors, disabled }: FeedFieldsProps) {
  // In the browser host the folder is on the computer that runs `serve`, not the browser's.
  const where = getTransport().kind === 'http' ? 'on the computer running Profile Desk’s server' : 'on this computer';
  return (
    <TextInput
      label="Folder"
      placeholder="/home/you/rum-exports"
      description={`The full path of a folder ${where}. Event files dropped into it are imported once each (when completely written) while the app runs.`}
      value={values.path}
      onChange={(e) => set('path', e.currentTarget.value)}
      error={errors.path}
      required
      disabled={disabled}
      spellCheck={false}
    />
  );
}

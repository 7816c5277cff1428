import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCloud } from '@tabler/icons-react';
import { useState } from 'react';
import type { ConnectionInfo, ConnectionKind } from '../../../../../common/attributes';
import { ApiError, call, errorMessage } from '../../../api';
import { signInSalesforce } from '../../../api/signInSalesforce';
import { initialValues, isSecret, missingFields, payload, type Values } from './connectionFields';
import { SalesforceFields } from './SalesforceFields';
import { SnowflakeFields } from './SnowflakeFields';

const VISIBLE = new Set(['loginUrl', 'username', 'password', 'securityToken', 'instanceUrl', 'accessToken', 'account', 'privateKeyPath', 'privateKeyPass', 'token', 'warehouse', 'role', 'database', 'schema', 'accessUrl']);

/** The form field a refusal of the core names (`password: required …`), when it names one. */
function fieldOf(err: ApiError): string | null {
  const field = (err.details as { field?: unknown } | undefined)?.field;
  return typeof field === 'string' && /^[a-zA-Z]+$/.test(field) ? field : null;
}

export interface ConnectionFormProps {
  kind: ConnectionKind;
  /** The connection to edit; null for a new one. */
  saved: ConnectionInfo | null;
  /** Saved and, unless `tested` is false, logged in: `identity` is who the source says we are. */
  onSaved: (connection: ConnectionInfo, identity: string | null) => void;
  onCancel?: () => void;
}

/**
 * A Salesforce or Snowflake connection's form. Secrets are write-only: typed ones are sent, saved
 * ones show as "saved" and are kept when left empty. Saving also tests the login, so a refused
 * credential is named at once.
 */
export function ConnectionForm({ kind, saved: initial, onSaved, onCancel }: ConnectionFormProps) {
  // After a first save (even one whose test failed) the form edits what it saved.
  const [saved, setSaved] = useState<ConnectionInfo | null>(initial);
  const [name, setName] = useState(initial?.name ?? '');
  const [values, setValues] = useState<Values>(() => initialValues(kind, initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<'save' | 'signin' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Changed since the last save (or since opening a saved connection).
  const [dirty, setDirty] = useState(initial === null);

  const set = (field: string, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setDirty(true);
    setErrors(({ [field]: _, ...rest }) => rest);
  };
  const oauth = kind === 'salesforce' && values.auth === 'oauth';

  const save = async (): Promise<ConnectionInfo | null> => {
    const missing = missingFields(kind, values, saved?.secrets ?? []);
    if (name.trim() === '') missing.name = 'Give the connection a name';
    setErrors(missing);
    if (Object.keys(missing).length > 0) return null;
    try {
      const info = await call('connections.save', { current: saved?.name, name: name.trim(), kind, fields: payload(kind, values) });
      setSaved(info);
      setDirty(false);
      // Typed secrets are now saved: the fields show "saved" instead of keeping them in memory.
      setValues((v) => Object.fromEntries(Object.entries(v).filter(([field]) => !isSecret(field))));
      return info;
    } catch (err) {
      const field = err instanceof ApiError ? fieldOf(err) : null;
      // Beside the field when it is in view; advanced fields may be folded away.
      if (field && VISIBLE.has(field)) setErrors({ [field]: errorMessage(err).replace(`${field}: `, '') });
      else if (err instanceof ApiError && /connection named/i.test(err.message)) setErrors({ name: err.message });
      else setFailure(errorMessage(err));
      return null;
    }
  };

  const saveAndTest = async () => {
    setBusy('save');
    setFailure(null);
    try {
      const info = await save();
      if (!info) return;
      if (oauth && !info.secrets.includes('refreshToken') && !info.secrets.includes('accessToken')) {
        // Nothing to test with until the analyst signs in.
        onSaved(info, null);
        return;
      }
      try {
        const { identity } = await call('connections.test', { name: info.name });
        onSaved({ ...info, identity }, identity);
      } catch (err) {
        setFailure(`Saved, but the login failed: ${errorMessage(err)}`);
      }
    } finally {
      setBusy(null);
    }
  };

  const signIn = async () => {
    setBusy('signin');
    setFailure(null);
    try {
      // Browsers let a page open the sign-in tab only soon after the click: skip saving when nothing changed.
      const info = saved !== null && !dirty ? saved : await save();
      if (!info) return;
      const signedIn = await signInSalesforce(info.name);
      if (signedIn === null) {
        setFailure('The sign-in window was closed before signing in.');
        return;
      }
      const { identity } = await call('connections.test', { name: info.name });
      onSaved({ ...signedIn, identity }, identity);
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const Fields = kind === 'salesforce' ? SalesforceFields : SnowflakeFields;
  return (
    <Stack gap="sm" data-testid="connection-form" data-kind={kind}>
      <TextInput
        label="Connection name"
        placeholder={kind === 'salesforce' ? 'Salesforce production' : 'Snowflake analytics'}
        value={name}
        onChange={(e) => {
          setName(e.currentTarget.value);
          setDirty(true);
          setErrors(({ name: _, ...rest }) => rest);
        }}
        error={errors.name}
        required
        maxLength={200}
        disabled={busy !== null}
      />
      <Fields values={values} set={set} errors={errors} savedSecrets={saved?.secrets ?? []} disabled={busy !== null} />
      {failure && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="connection-error">
          {failure}
        </Alert>
      )}
      <Group justify="flex-end" gap="xs">
        {onCancel && (
          <Button variant="default" onClick={onCancel} disabled={busy !== null}>
            Cancel
          </Button>
        )}
        {oauth ? (
          <Button leftSection={<IconCloud size={16} />} onClick={() => void signIn()} loading={busy === 'signin'} disabled={busy === 'save'}>
            Sign in with Salesforce
          </Button>
        ) : (
          <Button onClick={() => void saveAndTest()} loading={busy === 'save'}>
            Save & test
          </Button>
        )}
      </Group>
    </Stack>
  );
}

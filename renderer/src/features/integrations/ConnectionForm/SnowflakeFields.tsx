import { Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { SNOWFLAKE_AUTH } from './connectionFields';
import { fieldInputs, type FieldsProps } from './fieldInputs';

/** Snowflake: the account and who signs in (password, key pair, programmatic access token, browser SSO), then where to read. */
export function SnowflakeFields(props: FieldsProps) {
  const { values, set, disabled } = props;
  const auth = values.auth ?? 'password';
  const { text, secret } = fieldInputs(props);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={2} spacing="sm">
        {text('account', 'Account identifier', { placeholder: 'myorg-account1', required: true })}
        {text('username', 'User', { required: true })}
      </SimpleGrid>
      <Select
        label="Sign in with"
        data={SNOWFLAKE_AUTH.map((a) => ({ ...a }))}
        value={auth}
        onChange={(v) => v && set('auth', v)}
        allowDeselect={false}
        disabled={disabled}
      />
      {auth === 'password' && secret('password', 'Password', true)}
      {auth === 'keypair' && (
        <>
          {text('privateKeyPath', 'Private key file', { placeholder: '/home/alice/.ssh/snowflake_key.p8', description: 'A PKCS#8 PEM file on this computer', required: true })}
          {secret('privateKeyPass', 'Key passphrase', false, 'Only for an encrypted key')}
        </>
      )}
      {auth === 'pat' && secret('token', 'Programmatic access token', true)}
      {auth === 'sso' && (
        <Text size="sm" c="dimmed">
          Your identity provider’s sign-in page opens in the browser when the connection is tested or used.
        </Text>
      )}
      <SimpleGrid cols={2} spacing="sm">
        {text('warehouse', 'Warehouse')}
        {text('role', 'Role')}
        {text('database', 'Database')}
        {text('schema', 'Schema')}
      </SimpleGrid>
      {text('accessUrl', 'Host override (optional)', { placeholder: 'https://myorg-account1.privatelink.snowflakecomputing.com', description: 'A proxy or private link in front of the account' })}
    </Stack>
  );
}

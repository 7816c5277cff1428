import { Collapse, Group, Input, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { LOGIN_URLS, loginChoice, SALESFORCE_AUTH, type LoginChoice } from './connectionFields';
import { fieldInputs, type FieldsProps } from './fieldInputs';

const LOGIN_CHOICES = [
  { value: 'production', label: 'Production' },
  { value: 'sandbox', label: 'Sandbox' },
  { value: 'mydomain', label: 'My Domain' },
];

/** Salesforce: where to log in, and how (username + password + security token, an access token, or OAuth sign-in). */
export function SalesforceFields(props: FieldsProps) {
  const { values, set, errors, disabled } = props;
  const [login, setLogin] = useState<LoginChoice>(loginChoice(values.loginUrl));
  const [advanced, setAdvanced] = useState(false);
  const auth = values.auth ?? 'password';
  const { text, secret } = fieldInputs(props);

  const chooseLogin = (choice: LoginChoice) => {
    setLogin(choice);
    if (choice !== 'mydomain') set('loginUrl', LOGIN_URLS[choice]);
    else if (loginChoice(values.loginUrl) !== 'mydomain') set('loginUrl', '');
  };

  return (
    <Stack gap="sm">
      <Select
        label="Sign in with"
        data={SALESFORCE_AUTH.map((a) => ({ ...a }))}
        value={auth}
        onChange={(v) => v && set('auth', v)}
        allowDeselect={false}
        disabled={disabled}
      />
      {auth !== 'token' && (
        <Stack gap={4}>
          <Input.Label>Login URL</Input.Label>
          <SegmentedControl value={login} onChange={(v) => chooseLogin(v as LoginChoice)} data={LOGIN_CHOICES} disabled={disabled} aria-label="Login URL" />
          {login === 'mydomain' ? (
            <TextInput
              aria-label="My Domain URL"
              placeholder="https://acme.my.salesforce.com"
              value={values.loginUrl ?? ''}
              onChange={(e) => set('loginUrl', e.currentTarget.value)}
              error={errors.loginUrl}
              disabled={disabled}
            />
          ) : (
            <Text size="xs" c="dimmed">
              {LOGIN_URLS[login]}
            </Text>
          )}
        </Stack>
      )}
      {auth === 'password' && (
        <>
          {text('username', 'Username', { placeholder: 'alice@acme.com', required: true })}
          <SimpleGrid cols={2} spacing="sm">
            {secret('password', 'Password', true)}
            {secret('securityToken', 'Security token', false)}
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt={-6}>
            The security token is needed from outside your org’s trusted IP ranges (Settings → Reset My Security Token).
          </Text>
        </>
      )}
      {auth === 'token' && (
        <>
          {text('instanceUrl', 'Instance URL', { placeholder: 'https://acme.my.salesforce.com', required: true })}
          {secret('accessToken', 'Access token', true, 'e.g. from `sf org display`; it expires with its session')}
        </>
      )}
      {auth === 'oauth' && (
        <>
          {text('clientId', 'Consumer key', { description: 'Of a connected app with the callback URL this app shows when you sign in', required: true })}
          {secret('clientSecret', 'Consumer secret', false, 'Only if the connected app requires one (PKCE is always used)')}
        </>
      )}
      <UnstyledButton onClick={() => setAdvanced((a) => !a)} aria-expanded={advanced}>
        <Group gap={4}>
          {advanced ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          <Text size="sm" c="dimmed">
            Advanced
          </Text>
        </Group>
      </UnstyledButton>
      <Collapse expanded={advanced}>
        <Stack gap="sm">
          {text('apiVersion', 'API version', { placeholder: '62.0' })}
          {auth === 'password' && (
            <>
              {text('clientId', 'Consumer key (optional)', { description: 'With a connected app, the login uses the OAuth password grant instead of SOAP' })}
              {secret('clientSecret', 'Consumer secret (optional)', false)}
            </>
          )}
        </Stack>
      </Collapse>
    </Stack>
  );
}

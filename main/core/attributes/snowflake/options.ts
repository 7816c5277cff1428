/**
 * A connection's fields as snowflake-sdk's connection options, one way per `auth`: password;
 * key pair (SNOWFLAKE_JWT with the private key file, its passphrase if any); programmatic
 * access token; external-browser SSO through the host's browser. A key file that can't be
 * read or decrypted is refused here, with a message naming the file (never the passphrase).
 */
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ConnectionOptions } from 'snowflake-sdk';
import type { SnowflakeFields } from '../../../../common/attributes';
import { ApiError } from '../../dispatcher';

export interface OptionDeps {
  /** Opens the SSO login page in the user's browser (the app's shell, the browser host's page). */
  openBrowser?: (url: string) => void;
}

function missing(fields: SnowflakeFields, what: string): ApiError {
  return new ApiError('invalid_input', `The Snowflake connection for ${fields.username} has no ${what}`);
}

async function checkPrivateKey(path: string, passphrase: string | undefined): Promise<void> {
  let pem: Buffer;
  try {
    pem = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ApiError('auth_failed', `The private key file ${path} could not be read (${code})`);
  }
  try {
    createPrivateKey({ key: pem, format: 'pem', passphrase: passphrase ?? '' });
  } catch {
    throw new ApiError(
      'auth_failed',
      passphrase === undefined
        ? `The private key file ${path} is not a PEM private key, or it is encrypted and needs its passphrase`
        : `The private key file ${path} is not a PEM private key, or its passphrase is wrong`,
    );
  }
}

export async function connectionOptions(fields: SnowflakeFields, deps: OptionDeps): Promise<ConnectionOptions> {
  const options: ConnectionOptions = {
    account: fields.account,
    username: fields.username,
    // Console login builds the SSO page's URL from the account itself (no pre-login request).
    disableConsoleLogin: false,
    // Never a temporary credential cache on disk.
    clientStoreTemporaryCredential: false,
  };
  if (fields.accessUrl) options.accessUrl = fields.accessUrl.replace(/\/+$/, '');
  if (fields.warehouse) options.warehouse = fields.warehouse;
  if (fields.role) options.role = fields.role;
  if (fields.database) options.database = fields.database;
  if (fields.schema) options.schema = fields.schema;

  switch (fields.auth) {
    case 'password':
      if (!fields.password) throw missing(fields, 'password');
      options.password = fields.password;
      break;
    case 'keypair':
      if (!fields.privateKeyPath) throw missing(fields, 'private key file');
      await checkPrivateKey(fields.privateKeyPath, fields.privateKeyPass);
      options.authenticator = 'SNOWFLAKE_JWT';
      options.privateKeyPath = fields.privateKeyPath;
      if (fields.privateKeyPass) options.privateKeyPass = fields.privateKeyPass;
      break;
    case 'pat':
      if (!fields.token) throw missing(fields, 'programmatic access token');
      options.authenticator = 'PROGRAMMATIC_ACCESS_TOKEN';
      options.token = fields.token;
      break;
    case 'sso': {
      const open = deps.openBrowser;
      // Without a host browser the driver would launch one itself: refuse instead.
      if (!open) throw new ApiError('invalid_input', 'Snowflake single sign-on needs a browser: use it from the app or the browser host');
      options.authenticator = 'EXTERNALBROWSER';
      options.openExternalBrowserCallback = (url: string) => open(url);
      break;
    }
  }
  return options;
}

/**
 * Loads snowflake-sdk the first time a Snowflake connector is opened, after disarming what it
 * does on its own (CONNECTORS.md): at require() time it probes cloud metadata hosts
 * (169.254.169.254, metadata.google.internal) unless platform detection is off; each login
 * sends a "connection shape" telemetry event; it keeps an OCSP (and CRL) cache under the home
 * folder; and it logs at INFO to the console and to `./snowflake.log` in the working folder.
 * The environment is set before the module is evaluated, the caches go to the app's private
 * folder, and logging goes nowhere.
 */
import { join } from 'node:path';
import type * as Snowflake from 'snowflake-sdk';

export type SnowflakeSdk = typeof Snowflake;

let loading: Promise<SnowflakeSdk> | undefined;

const silent: Snowflake.SnowflakeLogger = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  trace: () => {},
};

export function loadSnowflakeSdk(privateDir: string): Promise<SnowflakeSdk> {
  loading ??= (async () => {
    process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION = 'true';
    process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE = '1';
    // The first connector's folder wins: the driver reads these once per process.
    process.env.SF_OCSP_RESPONSE_CACHE_DIR ??= join(privateDir, 'snowflake', 'ocsp');
    process.env.SNOWFLAKE_CRL_ON_DISK_CACHE_DIR ??= join(privateDir, 'snowflake', 'crls');
    const mod = (await import('snowflake-sdk')) as SnowflakeSdk & { default?: SnowflakeSdk };
    // A CommonJS module: its exports are the default export under ESM.
    const sdk = mod.default ?? mod;
    sdk.configure({ logLevel: 'OFF', customLogger: silent });
    return sdk;
  })();
  // A failed load (a broken install) may be retried by the next connector.
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * `connections.*` and `attributes.list` (ARCHITECTURE.md §10). Secrets come in with a save and
 * never go out: clients see which ones are set. The Salesforce web-server flow keeps its PKCE
 * verifier here, per state, for ten minutes; the host opens the login page and hands back the
 * code it catches.
 */
import type { SalesforceFields } from '../../../common/attributes';
import type { Handlers } from '../../../common/contract';
import { withConnector } from '../attributes/connectors';
import { ApiError } from '../dispatcher';
import { writeWhenFree } from '../store/write-lock';
import type { HandlerContext } from './context';

type ConnectionMethods = `connections.${'list' | 'save' | 'test' | 'forget' | 'oauthStart' | 'oauthFinish'}` | 'attributes.list';

const SIGN_IN_MS = 10 * 60_000;

interface PendingSignIn {
  connectionId: number;
  verifier: string;
  redirectUri: string;
  expires: number;
}

export function connectionHandlers(ctx: HandlerContext): Pick<Handlers, ConnectionMethods> {
  const { db, connections, catalog, events, now } = ctx;
  const pending = new Map<string, PendingSignIn>();
  const changed = (): void => events.emit('sources.changed', {});

  return {
    'attributes.list': () => ({ user: [...catalog.specs('user')], account: [...catalog.specs('account')] }),

    'connections.list': () => ({ connections: connections.list() }),

    'connections.save': async (i) => {
      const prepared = connections.prepare(i);
      const row = await writeWhenFree(db, () => connections.write(i, prepared));
      changed();
      return connections.info(row);
    },

    'connections.test': async (i) => {
      const row = connections.get(i.name);
      const identity = await withConnector(ctx.connectorHost, { kind: row.kind, connection: row.name }, (c) => c.identity());
      await writeWhenFree(db, () => connections.setIdentity(row.id, identity));
      changed();
      return { identity };
    },

    'connections.forget': async (i) => {
      await writeWhenFree(db, () => connections.forget(i.name));
      changed();
      return {};
    },

    'connections.oauthStart': async (i) => {
      const row = connections.get(i.name);
      if (row.kind !== 'salesforce') throw new ApiError('invalid_input', `"${row.name}" is a ${row.kind} connection: only Salesforce signs in with OAuth`);
      const fields = connections.open(row).fields as SalesforceFields;
      if (!fields.clientId) throw new ApiError('invalid_input', `clientId: "${row.name}" needs the connected app's consumer key to sign in`, { field: 'clientId' });
      for (const [state, p] of pending) if (p.expires < now()) pending.delete(state);
      // Loaded when first used, like the connectors (jsforce takes half a second to load).
      const { startSalesforceOAuth } = await import('../attributes/salesforce');
      const start = startSalesforceOAuth({ loginUrl: fields.loginUrl, clientId: fields.clientId, redirectUri: i.redirectUri });
      pending.set(start.state, { connectionId: row.id, verifier: start.verifier, redirectUri: i.redirectUri, expires: now() + SIGN_IN_MS });
      return { url: start.url, state: start.state };
    },

    'connections.oauthFinish': async (i) => {
      const sign = pending.get(i.state);
      pending.delete(i.state);
      if (!sign || sign.expires < now()) throw new ApiError('invalid_input', 'This sign-in is unknown or has expired: start it again');
      const row = connections.byId(sign.connectionId);
      if (!row) throw new ApiError('not_found', 'The connection was removed during the sign-in');
      const fields = connections.open(row).fields as SalesforceFields;
      const { finishSalesforceOAuth } = await import('../attributes/salesforce');
      const tokens = await finishSalesforceOAuth({
        loginUrl: fields.loginUrl,
        clientId: fields.clientId!,
        clientSecret: fields.clientSecret,
        redirectUri: sign.redirectUri,
        code: i.code,
        verifier: sign.verifier,
        apiVersion: fields.apiVersion,
      });
      const saved = await writeWhenFree(db, () => {
        const prepared = connections.prepare({
          current: row.name,
          name: row.name,
          kind: 'salesforce',
          fields: {
            ...(JSON.parse(row.fields) as Record<string, string>),
            auth: 'oauth',
            instanceUrl: tokens.instanceUrl,
            accessToken: tokens.accessToken,
            ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
          },
        });
        return connections.write(row, prepared, tokens.identity);
      });
      changed();
      return connections.info(saved);
    },
  };
}

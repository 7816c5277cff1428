/**
 * A local Snowflake for tests: a `node:http` server on 127.0.0.1 speaking the protocol
 * snowflake-sdk uses (CONNECTORS.md) so the real driver runs against it over plain http:
 * login (password, key pair, programmatic access token, external-browser SSO), telemetry,
 * query-request with gzip bodies, typed rowsets, large results in chunks fetched from this same
 * server, session expiry and renewal, SQL errors as 200 + success:false, cancel, logout.
 *
 * Test controls: the tables, a column whose SELECT fails, expiring every session, and the
 * server dying in the middle of a chunk.
 *
 * CLI: `npx tsx tests/servers/snowflake.ts --port N` serves a demo data set whose keys match the
 * bundled sample data (snowflake-demo.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { checkLogin, SsoTokens, type LoginData, type SnowflakeUser } from './snowflake-auth';
import { tableKey, type SnowflakeTableSpec } from './snowflake-data';
import { runSql, SqlError, type SqlResult } from './snowflake-sql';
import { closeOnSignal } from './run-main';

export type { SnowflakeUser } from './snowflake-auth';
export type { CellValue, SnowflakeColumnSpec, SnowflakeTableSpec } from './snowflake-data';

export interface SnowflakeServerOptions {
  /** The account identifier logins must name (default `acct`). */
  account?: string;
  users?: SnowflakeUser[];
  tables?: SnowflakeTableSpec[];
  /** Rows sent inline with the query response; the rest goes in chunks (default 1,000). */
  inlineRows?: number;
  /** Rows per chunk (default 20,000). */
  chunkRows?: number;
  /** The session's TIMEZONE parameter (default America/Los_Angeles, so a UTC mistake shows). */
  timezone?: string;
  port?: number;
}

export interface SnowflakeServerStats {
  logins: number;
  refusedLogins: number;
  renewals: number;
  logouts: number;
  chunksServed: number;
  aborts: number;
}

export interface SnowflakeServer {
  url: string;
  port: number;
  account: string;
  /** Every request, in order (method and path without the query string). */
  requests: Array<{ method: string; path: string }>;
  /** The SQL text of every query-request, in order. */
  queries: string[];
  stats: SnowflakeServerStats;
  setTable(table: SnowflakeTableSpec): void;
  /** A column whose SELECT fails with 000904 (`COLUMN` or `DB.SCHEMA.TABLE.COLUMN`). */
  failColumn(column: string): void;
  /** Every session token issued so far expires; the next query gets 390112 and the driver renews. */
  expireSessions(): void;
  /** The server dies (sockets destroyed, listener closed) halfway through sending chunk `index` (1 = first chunk after the inline rows). */
  dieDuringChunk(index: number): void;
  close(): Promise<void>;
}

interface Session {
  user: string;
  role: string;
  expired: boolean;
  masterToken: string;
}

interface StoredResult {
  chunks: string[];
  key: string;
}

const json = (res: ServerResponse, body: unknown): void => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

const failure = (res: ServerResponse, code: string, message: string, data: Record<string, unknown> = {}): void =>
  json(res, { success: false, code, message, data: { errorCode: code, ...data } });

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  let raw = Buffer.concat(parts);
  // The driver gzips bodies; trust the magic bytes rather than the header.
  if (raw[0] === 0x1f && raw[1] === 0x8b) raw = gunzipSync(raw);
  return raw.length === 0 ? {} : (JSON.parse(raw.toString('utf8')) as Record<string, unknown>);
}

function tokenOf(req: IncomingMessage): string | undefined {
  return /Snowflake Token="([^"]*)"/.exec(req.headers.authorization ?? '')?.[1];
}

export async function startSnowflakeServer(options: SnowflakeServerOptions = {}): Promise<SnowflakeServer> {
  const account = options.account ?? 'acct';
  const users = options.users ?? [{ name: 'ALICE', password: 'alice-password', role: 'ANALYST' }];
  const tables = new Map<string, SnowflakeTableSpec>();
  for (const t of options.tables ?? []) tables.set(tableKey(t.database, t.schema, t.name), t);
  const inlineRows = options.inlineRows ?? 1_000;
  const chunkRows = options.chunkRows ?? 20_000;
  const timezone = options.timezone ?? 'America/Los_Angeles';
  const sessions = new Map<string, Session>();
  const masters = new Map<string, string>();
  const results = new Map<string, StoredResult>();
  const failingColumns = new Set<string>();
  const sso = new SsoTokens();
  const requests: SnowflakeServer['requests'] = [];
  const queries: string[] = [];
  const stats: SnowflakeServerStats = { logins: 0, refusedLogins: 0, renewals: 0, logouts: 0, chunksServed: 0, aborts: 0 };
  let dieAtChunk = 0;
  let base = '';

  const newSession = (user: string, role: string, masterToken = `m-${randomBytes(12).toString('hex')}`): { token: string; masterToken: string } => {
    const token = `s-${randomBytes(12).toString('hex')}`;
    sessions.set(token, { user, role, expired: false, masterToken });
    masters.set(masterToken, token);
    return { token, masterToken };
  };

  const login = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const body = await readBody(req);
    const data = (body.data ?? {}) as LoginData;
    if ((data.ACCOUNT_NAME ?? '').toLowerCase() !== account.toLowerCase()) {
      stats.refusedLogins++;
      return failure(res, '390201', `Account ${data.ACCOUNT_NAME} does not exist.`);
    }
    const checked = checkLogin(data, account, users, sso);
    if ('refused' in checked) {
      stats.refusedLogins++;
      return failure(res, checked.refused.code, checked.refused.message);
    }
    stats.logins++;
    const role = url.searchParams.get('roleName') ?? checked.user.role ?? 'PUBLIC';
    const { token, masterToken } = newSession(checked.user.name, role);
    json(res, {
      success: true,
      code: null,
      message: null,
      data: {
        token,
        masterToken,
        validityInSeconds: 3600,
        masterValidityInSeconds: 14_400,
        sessionId: Date.now(),
        parameters: [{ name: 'TIMEZONE', value: timezone }],
        sessionInfo: {
          databaseName: url.searchParams.get('databaseName'),
          schemaName: url.searchParams.get('schemaName'),
          warehouseName: url.searchParams.get('warehouse'),
          roleName: role,
        },
      },
    });
  };

  const renew = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const master = tokenOf(req) ?? '';
    const old = masters.get(master);
    const session = old ? sessions.get(old) : undefined;
    if (!session || old !== body.oldSessionToken) return failure(res, '390114', 'Authentication token has expired.  The user must authenticate again.');
    stats.renewals++;
    sessions.delete(old!);
    const { token } = newSession(session.user, session.role, master);
    json(res, { success: true, data: { sessionToken: token, validityInSecondsST: 3600, masterToken: master, validityInSecondsMT: 14_400 } });
  };

  const query = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const session = sessions.get(tokenOf(req) ?? '');
    if (!session) return failure(res, '390104', 'Session no longer exists.  New login required to access the service.');
    if (session.expired) return failure(res, '390112', 'Your session has expired. Please login again.');
    const sqlText = String(body.sqlText ?? '');
    queries.push(sqlText);
    const bindings = (body.bindings ?? {}) as Record<string, { value: string | null }>;
    const binds = Object.keys(bindings).sort((a, b) => Number(a) - Number(b)).map((k) => bindings[k]!.value);
    const queryId = randomUUID();
    let result: SqlResult;
    try {
      result = runSql(sqlText, { user: session.user, role: session.role, tables, failingColumns, binds });
    } catch (err) {
      if (!(err instanceof SqlError)) throw err;
      return failure(res, err.code, err.message, { sqlState: err.sqlState, queryId, type: 'COMPILATION' });
    }
    const inline = result.rows.slice(0, inlineRows);
    const chunks: Array<{ url: string; rowCount: number; uncompressedSize: number; compressedSize: number }> = [];
    const stored: StoredResult = { chunks: [], key: randomBytes(16).toString('base64') };
    for (let i = inlineRows; i < result.rows.length; i += chunkRows) {
      // A chunk is rows separated by commas, without the enclosing brackets.
      const text = result.rows.slice(i, i + chunkRows).map((r) => JSON.stringify(r)).join(',');
      stored.chunks.push(text);
      chunks.push({ url: `${base}/chunks/${queryId}/${stored.chunks.length}`, rowCount: Math.min(chunkRows, result.rows.length - i), uncompressedSize: text.length, compressedSize: text.length });
    }
    if (chunks.length > 0) {
      results.set(queryId, stored);
      // Keep only recent results: a test may run many large queries.
      if (results.size > 4) results.delete(results.keys().next().value!);
    }
    json(res, {
      success: true,
      code: null,
      message: null,
      data: {
        parameters: [{ name: 'TIMEZONE', value: timezone }],
        rowtype: result.rowtype,
        rowset: inline,
        total: result.rows.length,
        // `returned` counts every row of the result, the chunks' too (the driver stops there).
        returned: result.rows.length,
        queryId,
        statementTypeId: 4096,
        version: 1,
        queryResultFormat: 'json',
        ...(chunks.length > 0 ? { chunks, qrmk: stored.key } : {}),
      },
    });
  };

  const chunk = (req: IncomingMessage, res: ServerResponse, queryId: string, index: number): void => {
    const stored = results.get(queryId);
    const text = stored?.chunks[index - 1];
    if (!stored || text === undefined) {
      res.writeHead(404, { 'Content-Type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>');
      return;
    }
    if (req.headers['x-amz-server-side-encryption-customer-key'] !== stored.key) {
      res.writeHead(403, { 'Content-Type': 'application/xml' }).end('<Error><Code>AccessDenied</Code></Error>');
      return;
    }
    const body = gzipSync(text);
    if (dieAtChunk === index) {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Encoding': 'gzip', 'Content-Length': body.length });
      res.write(body.subarray(0, body.length >> 1), () => {
        res.socket?.destroy();
        void api.close();
      });
      return;
    }
    stats.chunksServed++;
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Encoding': 'gzip' }).end(body);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', base);
    const path = url.pathname;
    requests.push({ method: req.method ?? '', path });
    const post = req.method === 'POST';
    if (post && path === '/session/v1/login-request') return login(req, res, url);
    if (post && path === '/session/token-request') return renew(req, res);
    if (post && path === '/queries/v1/query-request') return query(req, res);
    if (post && path === '/telemetry/send') return void (await readBody(req), json(res, { success: true, data: null }));
    if (post && /^\/queries\/[^/]+\/abort-request$/.test(path)) {
      stats.aborts++;
      return void (await readBody(req), json(res, { success: true, data: null }));
    }
    if (post && path === '/session' && url.searchParams.get('delete') === 'true') {
      const token = tokenOf(req);
      if (token && sessions.delete(token)) stats.logouts++;
      return json(res, { success: true, data: null });
    }
    const chunkPath = /^\/chunks\/([^/]+)\/(\d+)$/.exec(path);
    if (req.method === 'GET' && chunkPath) return chunk(req, res, chunkPath[1]!, Number(chunkPath[2]));
    if (req.method === 'GET' && path === '/console/login') {
      // The browser's side of SSO: the IdP is satisfied at once; back to the driver's local port.
      const user = url.searchParams.get('login_name') ?? '';
      const token = sso.issue(users.find((u) => u.name.toUpperCase() === user.toUpperCase())?.name ?? user, url.searchParams.get('proof_key') ?? '');
      const port = Number(url.searchParams.get('browser_mode_redirect_port'));
      res.writeHead(302, { Location: `http://127.0.0.1:${port}/?token=${token}` }).end();
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ success: false, message: `no route ${path}` }));
  };

  const server: Server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(err));
    });
  });
  // Idle keep-alive sockets stay open as long as the driver keeps them (as a load balancer would),
  // so a reused socket isn't reset under it.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  let closed: Promise<void> | undefined;
  const api: SnowflakeServer = {
    url: base,
    port,
    account,
    requests,
    queries,
    stats,
    setTable: (t) => void tables.set(tableKey(t.database, t.schema, t.name), t),
    failColumn: (c) => void failingColumns.add(c),
    expireSessions: () => sessions.forEach((s) => (s.expired = true)),
    dieDuringChunk: (index) => void (dieAtChunk = index),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
  return api;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { demoDataSet } = await import('./snowflake-demo');
  const demo = demoDataSet();
  const server = await startSnowflakeServer({ port: Number(argValue('--port') ?? 0), users: demo.users, tables: demo.tables });
  process.stdout.write(`Snowflake test server on ${server.url}\n`);
  process.stdout.write(`connection: ${JSON.stringify({ account: server.account, accessUrl: server.url, ...demo.connection })}\n`);
  closeOnSignal(server);
}

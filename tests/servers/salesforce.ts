/**
 * A Salesforce stand-in for tests, speaking the protocol jsforce 3.10.16 uses (see
 * notes/CONNECTORS.md): SOAP login, the OAuth token and authorize endpoints, identity URLs,
 * REST describeGlobal / describe / query with 2,000-record pages and `nextRecordsUrl`, and
 * Salesforce-shaped errors. Test controls: objects and records, expiring every access token,
 * refusing a field, dying after N pages.
 *
 *   import { startSalesforceServer } from '../servers/salesforce';
 *   const sf = await startSalesforceServer();            // the demo data set
 *   // fields: { loginUrl: sf.url, auth: 'password', username: sf.user.username, password: …, securityToken: … }
 *
 * CLI: `npx tsx tests/servers/salesforce.ts [--port N]` serves the demo data set until killed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestAuth, type TestUser } from './salesforce-auth';
import { demoObjects, type TestObject, type TestRecord } from './salesforce-data';
import { planSoql, SoqlError, type QueryPlan } from './salesforce-soql';
import { closeOnSignal, runIfMain } from './run-main';

export type { TestUser } from './salesforce-auth';
export * from './salesforce-data';

export const DEFAULT_USER: Required<Omit<TestUser, 'displayName'>> = {
  username: 'analyst@example.com',
  password: 'correct-horse-battery',
  securityToken: 'SECTOKEN42',
};

export interface SalesforceServerOptions {
  /** 0 (default): a random free port. */
  port?: number;
  /** Default: the demo data set (3,000 Contacts, 50 Accounts, a few other objects). */
  objects?: TestObject[];
  /** Default: DEFAULT_USER alone. */
  users?: TestUser[];
  clientId?: string;
  clientSecret?: string;
  /** Records per query page; Salesforce's REST default is 2,000. */
  pageSize?: number;
}

export interface SalesforceTestServer {
  /** `http://127.0.0.1:PORT`: both the login URL and the instance URL. */
  url: string;
  /** The first user (the one the authorize page signs in by default). */
  user: TestUser;
  clientId: string;
  clientSecret: string;
  /** Live: tests may replace an object or push records. */
  objects: TestObject[];
  auth: TestAuth;
  stats: { queries: number; pages: number; apiVersions: Set<string>; requests: string[] };
  issueAccessToken(username?: string): string;
  issueRefreshToken(username?: string): string;
  /** Every access token issued so far answers 401 INVALID_SESSION_ID; new ones work. */
  expireAccessTokens(): void;
  revokeRefreshTokens(): void;
  /** Queries naming `Object.Field` fail with INVALID_FIELD (as with field-level security). */
  rejectField(object: string, field: string): void;
  /** After `pages` more query pages, every request's socket is destroyed. null: stay healthy. */
  dieAfterPages(pages: number | null): void;
  /** Who the authorize page signs in; null: the user denies access. */
  authorizeAs(username: string | null): void;
  close(): Promise<void>;
}

interface Cursor {
  plan: QueryPlan;
  version: string;
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json;charset=UTF-8'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const apiError = (res: ServerResponse, status: number, errorCode: string, message: string): void => send(res, status, [{ message, errorCode }]);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSalesforceServer(options: SalesforceServerOptions = {}): Promise<SalesforceTestServer> {
  const users = options.users ?? [DEFAULT_USER];
  const pageSize = options.pageSize ?? 2_000;
  let url = '';
  const auth = new TestAuth(users, options.clientId ?? 'profile-desk-test-client', options.clientSecret ?? 'test-client-secret', () => url);
  const objects = options.objects ?? demoObjects();
  const rejected = new Set<string>();
  const cursors = new Map<string, Cursor>();
  const stats = { queries: 0, pages: 0, apiVersions: new Set<string>(), requests: [] as string[] };
  let pagesLeft: number | null = null;
  let nextCursor = 1;

  function page(res: ServerResponse, cursorId: string, offset: number): void {
    const cursor = cursors.get(cursorId);
    if (!cursor) return apiError(res, 400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    const { plan, version } = cursor;
    const slice = plan.order.slice(offset, offset + pageSize);
    const records = slice.map((i) => {
      const source: TestRecord = plan.object.records[i]!;
      const record: Record<string, unknown> = {
        attributes: { type: plan.object.name, url: `/services/data/v${version}/sobjects/${plan.object.name}/${String(source.Id ?? i)}` },
      };
      for (const f of plan.fields) record[f] = source[f] ?? null;
      return record;
    });
    const end = offset + slice.length;
    const done = end >= plan.order.length;
    if (done) cursors.delete(cursorId);
    stats.pages++;
    if (pagesLeft !== null) pagesLeft--;
    send(res, 200, {
      totalSize: plan.order.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${cursorId}-${end}` }),
      records,
    });
  }

  function describeObject(o: TestObject): Record<string, unknown> {
    return {
      name: o.name, label: o.label, labelPlural: `${o.label}s`, custom: o.custom ?? false,
      queryable: o.queryable ?? true, keyPrefix: String(o.records[0]?.Id ?? '000').slice(0, 3),
    };
  }

  function data(req: IncomingMessage, res: ServerResponse, version: string, rest: string, query: URLSearchParams): void {
    const user = auth.bearer(req.headers.authorization);
    if (!user) return apiError(res, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    stats.apiVersions.add(version);
    if (rest === '' || rest === '/') {
      return send(res, 200, { sobjects: `/services/data/v${version}/sobjects`, query: `/services/data/v${version}/query`, identity: auth.identityUrl(user) });
    }
    if (rest === '/sobjects') return send(res, 200, { encoding: 'UTF-8', maxBatchSize: 200, sobjects: objects.map(describeObject) });
    const described = /^\/sobjects\/([^/]+)\/describe\/?$/.exec(rest);
    if (described) {
      const object = objects.find((o) => o.name.toLowerCase() === decodeURIComponent(described[1]!).toLowerCase());
      if (!object) return apiError(res, 404, 'NOT_FOUND', 'The requested resource does not exist');
      return send(res, 200, {
        ...describeObject(object),
        fields: object.fields.map((f) => ({
          name: f.name, label: f.label ?? f.name, type: f.type, custom: f.name.endsWith('__c'),
          sortable: f.sortable ?? true, filterable: f.sortable ?? true, nillable: f.name !== 'Id', length: f.type === 'string' ? 255 : 0,
        })),
      });
    }
    if (rest === '/query' || rest === '/query/') {
      stats.queries++;
      let plan: QueryPlan;
      try {
        plan = planSoql(query.get('q') ?? '', objects, rejected);
      } catch (err) {
        if (err instanceof SoqlError) return apiError(res, 400, err.errorCode, err.message);
        throw err;
      }
      const id = `01g${String(nextCursor++).padStart(12, '0')}AAA`;
      cursors.set(id, { plan, version });
      return page(res, id, 0);
    }
    const more = /^\/query\/([A-Za-z0-9]+)-(\d+)$/.exec(rest);
    if (more) return page(res, more[1]!, Number(more[2]));
    apiError(res, 404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = new URL(req.url ?? '/', url);
    const path = target.pathname;
    stats.requests.push(`${req.method} ${path}`);
    if (pagesLeft !== null && pagesLeft <= 0) {
      req.socket.destroy();
      return;
    }
    const soap = /^\/services\/Soap\/u\/(\d+\.\d)\/?$/.exec(path);
    if (soap && req.method === 'POST') {
      const answer = auth.soapLogin(await readBody(req), soap[1]!);
      return send(res, answer.status, answer.xml, 'text/xml;charset=UTF-8');
    }
    if (path === '/services/oauth2/token' && req.method === 'POST') {
      const answer = auth.tokenGrant(new URLSearchParams(await readBody(req)));
      return send(res, answer.status, answer.body);
    }
    if (path === '/services/oauth2/authorize' && req.method === 'GET') {
      const answer = auth.authorize(target.searchParams);
      if (answer.location) {
        res.writeHead(answer.status, { Location: answer.location });
        res.end();
        return;
      }
      return send(res, answer.status, answer.text ?? '', 'text/plain');
    }
    if (path === '/services/oauth2/revoke' && req.method === 'POST') return send(res, 200, '', 'text/plain');
    const id = /^\/id\/[^/]+\/[^/]+$/.exec(path);
    if (id && req.method === 'GET') {
      const user = auth.bearer(req.headers.authorization, target.searchParams.get('oauth_token'));
      // Salesforce's identity service answers an unusable token with 403, not 401.
      return user ? send(res, 200, auth.identity(user)) : send(res, 403, 'Bad_OAuth_Token', 'text/plain');
    }
    const api = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path);
    if (api && req.method === 'GET') return data(req, res, api[1]!, api[2] ?? '', target.searchParams);
    apiError(res, 404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) apiError(res, 500, 'UNKNOWN_EXCEPTION', `test server: ${String(err)}`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    user: users[0]!,
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    objects,
    auth,
    stats,
    issueAccessToken: (u) => auth.issueAccessToken(u),
    issueRefreshToken: (u) => auth.issueRefreshToken(u),
    expireAccessTokens: () => auth.expireAccessTokens(),
    revokeRefreshTokens: () => auth.revokeRefreshTokens(),
    rejectField: (object, field) => rejected.add(`${object}.${field}`.toLowerCase()),
    dieAfterPages: (pages) => {
      pagesLeft = pages;
    },
    authorizeAs: (username) => {
      auth.authorizeAs = username;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf('--port');
  const port = at >= 0 ? Number(argv[at + 1]) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error('--port takes a port number (0 for any free port)');
  const sf = await startSalesforceServer({ port });
  const u = DEFAULT_USER;
  process.stdout.write(`${sf.url}\n`);
  process.stderr.write(
    `Salesforce test server: login URL and instance URL ${sf.url}\n` +
    `  username ${u.username}, password ${u.password}, security token ${u.securityToken}\n` +
    `  OAuth client id ${sf.clientId}, client secret ${sf.clientSecret}\n` +
    `  ${sf.objects.map((o) => `${o.name} (${o.records.length})`).join(', ')}\n`,
  );
  closeOnSignal(sf);
}

runIfMain(import.meta.url, main);

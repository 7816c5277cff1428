/**
 * Saved Salesforce and Snowflake connections (ARCHITECTURE.md §10). The non-secret fields are
 * stored as JSON; the secret ones (SECRET_FIELDS) only sealed by the host's cipher. Clients get
 * `ConnectionInfo`, which names the secrets that are set and never holds one.
 */
import type { z } from 'zod';
import {
  SECRET_FIELDS,
  salesforceFields,
  snowflakeFields,
  type ConnectionFields,
  type ConnectionInfo,
  type ConnectionKind,
  type SecretField,
} from '../../../common/attributes';
import { ApiError } from '../dispatcher';
import type { SecretCipher } from '../secrets/secrets';
import type { Db } from '../store/open';

interface ConnectionRow {
  id: number;
  name: string;
  kind: ConnectionKind;
  fields: string;
  secrets: string | null;
  identity: string | null;
  created_at: number;
  updated_at: number;
}

const SCHEMAS: Record<ConnectionKind, z.ZodType<ConnectionFields>> = {
  salesforce: salesforceFields as z.ZodType<ConnectionFields>,
  snowflake: snowflakeFields as z.ZodType<ConnectionFields>,
};

const isSecret = (key: string): key is SecretField => (SECRET_FIELDS as readonly string[]).includes(key);

/** A connection with its secrets opened, for a connector only. */
export interface OpenedConnection {
  id: number;
  name: string;
  kind: ConnectionKind;
  fields: ConnectionFields;
}

export class ConnectionStore {
  constructor(
    private readonly db: Db,
    private readonly cipher: SecretCipher,
    private readonly now: () => number,
  ) {}

  list(): ConnectionInfo[] {
    return (this.db.prepare('SELECT * FROM connections ORDER BY name COLLATE NOCASE').all() as ConnectionRow[]).map((r) => this.info(r));
  }

  info(row: ConnectionRow): ConnectionInfo {
    const secrets = row.secrets === null ? {} : this.unseal(row);
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      fields: JSON.parse(row.fields) as Record<string, string>,
      secrets: Object.keys(secrets).filter(isSecret),
      identity: row.identity,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  find(name: string): ConnectionRow | undefined {
    return this.db.prepare('SELECT * FROM connections WHERE name = ? COLLATE NOCASE').get(name) as ConnectionRow | undefined;
  }

  byId(id: number): ConnectionRow | undefined {
    return this.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as ConnectionRow | undefined;
  }

  get(name: string): ConnectionRow {
    const row = this.find(name);
    if (!row) throw new ApiError('not_found', `No connection named "${name}"`, { name });
    return row;
  }

  /**
   * Checks the fields of a new or edited connection; an edit keeps the saved secrets the input
   * leaves out. Returns what `write` stores (call it inside the write lock).
   */
  prepare(input: { current?: string; name: string; kind: ConnectionKind; fields: Record<string, string> }): {
    current: ConnectionRow | undefined;
    fields: Record<string, string>;
    secrets: Record<string, string>;
  } {
    const current = input.current === undefined ? undefined : this.get(input.current);
    if (current && current.kind !== input.kind) {
      throw new ApiError('invalid_input', `"${current.name}" is a ${current.kind} connection, not ${input.kind}`);
    }
    const kept = current?.secrets ? this.unseal(current) : {};
    const merged: Record<string, string> = { ...kept };
    for (const [key, value] of Object.entries(input.fields)) {
      if (isSecret(key) && value === '' && key in kept) continue;
      merged[key] = value;
    }
    const parsed = SCHEMAS[input.kind].safeParse(withoutEmpty(merged));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ApiError('invalid_input', `${issue.path.join('.') || 'connection'}: ${issue.message}`, { field: issue.path.join('.') });
    }
    const fields: Record<string, string> = {};
    const secrets: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed.data)) {
      if (value === undefined) continue;
      (isSecret(key) ? secrets : fields)[key] = String(value);
    }
    requireCredentials(input.kind, parsed.data);
    return { current, fields, secrets };
  }

  write(input: { name: string; kind: ConnectionKind }, prepared: ReturnType<ConnectionStore['prepare']>, identity?: string): ConnectionRow {
    const clash = this.find(input.name);
    if (clash && clash.id !== prepared.current?.id) throw new ApiError('invalid_input', `A connection named "${clash.name}" exists already`);
    const sealed = Object.keys(prepared.secrets).length ? this.cipher.encrypt(JSON.stringify(prepared.secrets)) : null;
    const at = this.now();
    if (prepared.current) {
      this.db
        .prepare('UPDATE connections SET name = ?, fields = ?, secrets = ?, identity = coalesce(?, identity), updated_at = ? WHERE id = ?')
        .run(input.name, JSON.stringify(prepared.fields), sealed, identity ?? null, at, prepared.current.id);
      return this.byId(prepared.current.id)!;
    }
    const id = this.db
      .prepare('INSERT INTO connections (name, kind, fields, secrets, identity, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(input.name, input.kind, JSON.stringify(prepared.fields), sealed, identity ?? null, at, at).lastInsertRowid;
    return this.byId(Number(id))!;
  }

  /** The connection's fields with its secrets, for opening a connector. */
  open(row: ConnectionRow): OpenedConnection {
    const fields = { ...(JSON.parse(row.fields) as Record<string, string>), ...(row.secrets ? this.unseal(row) : {}) };
    return { id: row.id, name: row.name, kind: row.kind, fields: SCHEMAS[row.kind].parse(fields) };
  }

  /** Secrets a connector obtained (a refreshed token), merged into the saved ones. */
  updateSecrets(id: number, secrets: Record<string, string>): void {
    const row = this.byId(id);
    if (!row) return;
    const merged = { ...(row.secrets ? this.unseal(row) : {}), ...secrets };
    this.db.prepare('UPDATE connections SET secrets = ?, updated_at = ? WHERE id = ?').run(this.cipher.encrypt(JSON.stringify(merged)), this.now(), id);
  }

  setIdentity(id: number, identity: string): void {
    this.db.prepare('UPDATE connections SET identity = ? WHERE id = ?').run(identity, id);
  }

  forget(name: string): void {
    const row = this.get(name);
    const users = this.db.prepare('SELECT name FROM sources WHERE connection_id = ? ORDER BY name').pluck().all(row.id) as string[];
    if (users.length) {
      throw new ApiError('invalid_input', `"${row.name}" is used by ${users.map((u) => `"${u}"`).join(', ')}: remove those sources first`);
    }
    this.db.prepare('DELETE FROM connections WHERE id = ?').run(row.id);
  }

  private unseal(row: ConnectionRow): Record<string, string> {
    try {
      return JSON.parse(this.cipher.decrypt(row.secrets!)) as Record<string, string>;
    } catch (err) {
      throw new ApiError(
        'auth_failed',
        `The saved secrets of "${row.name}" can't be opened on this machine (${(err as Error).message}): enter them again`,
      );
    }
  }
}

const withoutEmpty = (fields: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim() !== ''));

/** The secrets each way of signing in needs, checked before anything is saved. */
function requireCredentials(kind: ConnectionKind, fields: ConnectionFields): void {
  const need = (field: string, why: string): void => {
    const value = (fields as Record<string, unknown>)[field];
    if (value === undefined || value === '') throw new ApiError('invalid_input', `${field}: required ${why}`, { field });
  };
  const auth = (fields as { auth: string }).auth;
  if (kind === 'salesforce') {
    if (auth === 'password') {
      need('username', 'to sign in with a password');
      need('password', 'to sign in with a password');
    } else if (auth === 'token') {
      need('instanceUrl', 'with an access token');
      need('accessToken', 'with an access token');
    } else {
      need('clientId', "for OAuth (the connected app's consumer key)");
    }
  } else if (auth === 'password') need('password', 'to sign in with a password');
  else if (auth === 'keypair') need('privateKeyPath', 'for key pair authentication');
  else if (auth === 'pat') need('token', 'for a programmatic access token');
}

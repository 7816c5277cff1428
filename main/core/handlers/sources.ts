/**
 * `sources.*`: custom attribute sources (ARCHITECTURE.md §10). Saving checks the definition
 * against the table itself (columns exist, types come from the source when not given) and the
 * names against every other attribute, then starts the first sync. Files named by the host
 * (uploads in the browser host) go through the host's import-sources policy like imports do.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { SourceColumn, SourceDefinition, SourceInfo, ValueType } from '../../../common/attributes';
import type { Handlers } from '../../../common/contract';
import { foldsCase, normaliseKey, profileKeySql } from '../attributes/catalog';
import { withConnector, type SourceLocation } from '../attributes/connectors';
import type { RawValue } from '../attributes/connector';
import { nextSyncAt } from '../attributes/schedule';
import type { SourceRecord } from '../attributes/source-store';
import { ApiError } from '../dispatcher';
import { writeWhenFree } from '../store/write-lock';
import type { HandlerContext } from './context';

type SourceMethods = `sources.${'tables' | 'preview' | 'list' | 'save' | 'remove' | 'sync' | 'history'}`;

/** Reference tables uploaded to the browser host are kept here (uploads are deleted after use). */
const REFERENCE_FOLDER = 'reference-tables';

export function sourceHandlers(ctx: HandlerContext): Pick<Handlers, SourceMethods> {
  const { db, attributeSources: store, connections, catalog, events, syncs } = ctx;
  const host = ctx.connectorHost;

  /** A location named by a client: a saved connection, or a CSV file through the host's policy (not consumed). */
  const clientLocation = (i: { kind: SourceDefinition['kind']; connection?: string; path?: string }): SourceLocation => {
    if (i.kind === 'csv') {
      if (!i.path) throw new ApiError('invalid_input', 'path: a CSV source needs its file', { field: 'path' });
      const path = ctx.sources.resolve(i.path);
      // Browsing and previewing leave an upload usable for the save that follows.
      ctx.sources.release?.([path]);
      return { kind: 'csv', path, display: ctx.sources.display(path) };
    }
    if (!i.connection) throw new ApiError('invalid_input', `connection: a ${i.kind} source needs a saved connection`, { field: 'connection' });
    return { kind: i.kind, connection: i.connection };
  };

  const info = (s: SourceRecord): SourceInfo => {
    const lastSync = store.lastRun(s.id);
    const connection = s.connectionId === null ? null : (connections.byId(s.connectionId)?.name ?? null);
    const next = nextSyncAt(s.schedule, lastSync ? Date.parse(lastSync.startedAt) : null, s.createdAt);
    return {
      name: s.name,
      kind: s.kind,
      entity: s.entity,
      connection,
      path: s.path === null ? null : s.path.split(/[\\/]/).pop()!,
      table: s.table,
      join: s.join,
      attributes: s.attributes,
      schedule: s.schedule,
      createdAt: new Date(s.createdAt).toISOString(),
      lastSync,
      nextSyncAt: next === null ? null : new Date(next).toISOString(),
      syncJobId: syncs.jobOf(s.id),
    };
  };

  /** Removes the kept copy of an uploaded reference table (a host path the analyst named stays). */
  const forgetCopy = async (path: string): Promise<void> => {
    const folder = dirname(path);
    if (dirname(folder) === join(dirname(ctx.options.dbPath), REFERENCE_FOLDER)) await rm(folder, { recursive: true, force: true });
  };

  const changed = (): void => {
    catalog.invalidate();
    ctx.blocks.clear();
    events.emit('sources.changed', {});
  };

  /** The table's columns, checked against the definition; each attribute gets its type. */
  const typedAttributes = (def: SourceDefinition, columns: SourceColumn[]) => {
    const byName = new Map(columns.map((c) => [c.name.toLowerCase(), c]));
    const column = (name: string, field: string): SourceColumn => {
      const found = byName.get(name.toLowerCase());
      if (!found) {
        const known = columns.slice(0, 30).map((c) => c.name).join(', ');
        throw new ApiError('invalid_input', `${field}: ${def.table ?? 'the file'} has no column "${name}" (it has ${known})`, { field });
      }
      return found;
    };
    def.join.column = column(def.join.column, 'join.column').name;
    return def.attributes.map((a, i) => {
      const source = column(a.column, `attributes[${i}].column`);
      return { ...a, column: source.name, type: (a.type ?? source.type) as ValueType };
    });
  };

  return {
    'sources.tables': (i) => withConnector(host, clientLocation(i), (c) => c.tables(i.search).then((tables) => ({ tables }))),

    'sources.preview': (i) =>
      withConnector(host, clientLocation(i), async (c) => {
        const table = i.table ?? (await c.tables())[0]?.name ?? '';
        const columns = await c.columns(table);
        const keyColumn = i.join?.column ?? columns[0]?.name ?? '';
        const names = columns.map((col) => col.name);
        const rows = await c.preview(table, names, keyColumn, i.limit);
        const records = rows.map((r) => Object.fromEntries(names.map((n, k) => [n, r[k] ?? null])));
        if (!i.join || !i.entity) return { columns, rows: records };
        const at = names.findIndex((n) => n.toLowerCase() === i.join!.column.toLowerCase());
        if (at < 0) throw new ApiError('invalid_input', `join.column: ${table} has no column "${i.join.column}"`, { field: 'join.column' });
        return { columns, rows: records, match: matchPreview(i.entity, i.join.attribute, rows.map((r) => r[at] ?? null)) };
      }),

    'sources.list': (i) => ({ sources: store.list(i.entity).map(info) }),

    'sources.save': async (i) => {
      const def = i.source;
      let location: SourceLocation;
      let connectionId: number | null = null;
      let hostPath: string | null = null;
      if (def.kind === 'csv') {
        if (!def.path) throw new ApiError('invalid_input', 'path: a CSV source needs its file', { field: 'path' });
        hostPath = ctx.sources.resolve(def.path);
        location = { kind: 'csv', path: hostPath, display: ctx.sources.display(hostPath) };
      } else {
        if (!def.connection) throw new ApiError('invalid_input', `connection: a ${def.kind} source needs a saved connection`, { field: 'connection' });
        if (!def.table) throw new ApiError('invalid_input', `table: a ${def.kind} source reads one table`, { field: 'table' });
        const row = connections.get(def.connection);
        connectionId = row.id;
        location = { kind: def.kind, connection: row.name };
      }
      try {
        const columns = await withConnector(host, location, (c) => c.columns(def.table ?? (location.kind === 'csv' ? location.display : '')));
        const attributes = typedAttributes(def, columns);
        const existing = store.check(def, attributes, i.replace);
        // An upload is deleted after this call: the source keeps its own copy beside the store.
        let kept = hostPath;
        if (hostPath !== null && ctx.sources.temporary) {
          // In a folder of its own, under the name the analyst chose (the sources list shows it).
          const folder = join(dirname(ctx.options.dbPath), REFERENCE_FOLDER, `${Date.now()}-${randomBytes(4).toString('hex')}`);
          await mkdir(folder, { recursive: true, mode: 0o700 });
          kept = join(folder, basename(location.kind === 'csv' ? location.display : 'table.csv'));
          await copyFile(hostPath, kept);
        }
        const saved = await writeWhenFree(db, () => store.save(def, attributes, connectionId, kept, existing));
        if (existing?.path && existing.path !== kept) await forgetCopy(existing.path);
        changed();
        const jobId = i.sync ? syncs.start(saved, 'save') : null;
        return { source: info(store.get(saved.name)), jobId };
      } finally {
        if (hostPath !== null) ctx.sources.finished?.([hostPath]);
      }
    },

    'sources.remove': async (i) => {
      const source = store.get(i.name);
      syncs.cancel(source.id);
      await writeWhenFree(db, () => store.remove(source));
      if (source.path) await forgetCopy(source.path);
      changed();
      events.emit('profiles.changed', { kinds: [source.entity === 'users' ? 'user' : 'account'] });
      return {};
    },

    'sources.sync': (i) => ({ jobId: syncs.start(store.get(i.name), 'manual') }),

    'sources.history': (i) => ({ runs: store.runs(store.get(i.name).id, i.limit) }),
  };

  /** Of some source keys, how many match a profile (the wizard's live preview). */
  function matchPreview(entity: 'users' | 'accounts', attribute: string, raw: RawValue[]) {
    const fold = foldsCase(attribute);
    const keys: string[] = [];
    let blankKeys = 0;
    for (const value of raw) {
      const key = value === null ? '' : normaliseKey(value, fold);
      if (key === '') blankKeys++;
      else keys.push(key);
    }
    const distinct = [...new Set(keys)];
    const t = catalog.table(entity === 'users' ? 'user' : 'account');
    if (!t.specs.some((s) => s.key === attribute && !t.custom.has(s.key))) {
      throw new ApiError('invalid_input', `join.attribute: ${entity} have no attribute "${attribute}"`, { field: 'join.attribute' });
    }
    let matched = 0;
    // In slices, within SQLite's bound-parameter limit.
    for (let k = 0; k < distinct.length; k += 500) {
      const slice = distinct.slice(k, k + 500);
      matched += db
        .prepare(`SELECT count(DISTINCT ${profileKeySql(entity, attribute, fold)}) FROM ${entity} WHERE ${profileKeySql(entity, attribute, fold)} IN (${slice.map(() => '?').join(',')})`)
        .pluck()
        .get(...slice) as number;
    }
    return { rows: raw.length, matched, unmatched: distinct.length - matched, duplicates: keys.length - distinct.length, blankKeys };
  }
}

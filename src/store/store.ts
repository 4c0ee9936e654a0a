/**
 * The one module that reads and writes list data. Every import is a version (source, time, sha256,
 * counts) written in a single transaction; entity JSON is stored once per content hash.
 */
import { createHash } from 'node:crypto';
import type { Entity, Origin } from '../model/entity.ts';
import { changedProperties, pairRows, type DiffRow } from './diff.ts';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { entityChangeDates } from './change-dates.ts';
import type { Db } from './db.ts';
import type { Database, VersionTable } from './schema.ts';
import { badInput, SightlineError } from '../errors.ts';

export interface VersionInfo {
  /** Global id: the key certificates and the API cite. */
  id: number;
  source: string;
  /** 1, 2, 3… within the source: what users are told ("csl version 1"). */
  number: number;
  format: string;
  fileNames: string[];
  sha256: string;
  createdAt: string;
  entityCount: number;
  counts: { byList: Record<string, number>; bySchema: Record<string, number> };
}

export interface ImportMeta {
  source: string;
  format: string;
  fileNames: string[];
  sha256: string;
}

export interface ImportOutcome {
  version: VersionInfo;
  /** True when the content was identical to the source's latest version: nothing was written. */
  unchanged: boolean;
}

export interface EntityChange {
  id: string;
  caption: string;
  schema: string;
  /** Property names whose values differ (for `changed`). */
  properties?: string[];
}

export interface VersionDiff {
  source: string;
  from: VersionInfo;
  to: VersionInfo;
  added: EntityChange[];
  removed: EntityChange[];
  changed: EntityChange[];
}

const BATCH = 400;
/** PostgreSQL NOTIFY channel on which each new list version's id is announced to every process. */
export const LIST_VERSION_CHANNEL = 'sightline_list_versions';
/** A large list (OFAC advanced XML) holds the write lock for about a minute; a second import waits that long and more. */
export const IMPORT_WAIT_MS = 10 * 60_000;

export class Store {
  /** @param importWaitMs how long an import waits for another one to finish (SQLite). */
  constructor(
    readonly handle: Db,
    readonly importWaitMs = IMPORT_WAIT_MS,
  ) {}

  private get db() {
    return this.handle.db;
  }

  async versions(source?: string): Promise<VersionInfo[]> {
    let q = this.db.selectFrom('versions').selectAll().orderBy('id', 'asc');
    if (source) q = q.where('source', '=', source);
    return (await q.execute()).map(toVersionInfo);
  }

  async version(id: number): Promise<VersionInfo | undefined> {
    const row = await this.db.selectFrom('versions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toVersionInfo(row) : undefined;
  }

  async latestVersion(source: string): Promise<VersionInfo | undefined> {
    const row = await this.db.selectFrom('versions').selectAll().where('source', '=', source).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? toVersionInfo(row) : undefined;
  }

  /** The newest version of every source: what screening reads. */
  async currentVersions(): Promise<VersionInfo[]> {
    const all = await this.versions();
    const latest = new Map<string, VersionInfo>();
    for (const v of all) latest.set(v.source, v);
    return [...latest.values()];
  }

  /**
   * Writes a new version from a stream of entities, all or nothing. If the sha256 equals the
   * source's latest version the import is a no-op. A failing stream rolls the whole version back.
   */
  async importVersion(meta: ImportMeta, entities: AsyncIterable<Entity> | Iterable<Entity>, onProgress?: (n: number) => void): Promise<ImportOutcome> {
    const latest = await this.latestVersion(meta.source);
    if (latest && latest.sha256 === meta.sha256) return { version: latest, unchanged: true };
    let sameAsLatest = false;
    const versionId = await this.oneWriterAtATime((begun) =>
      this.db.transaction().execute(async (trx) => {
        const last = await this.latestLocked(trx, meta.source);
        // The same file imported by another process while this one waited (processes starting together
        // on an empty database each import the bundled pack): one version, not two.
        if (last && last.sha256 === meta.sha256) {
          sameAsLatest = true;
          return Number(last.id);
        }
        const inserted = await trx
          .insertInto('versions')
          .values({
            source: meta.source,
            number: Number(last?.n ?? 0) + 1,
            format: meta.format,
            file_names: JSON.stringify(meta.fileNames),
            sha256: meta.sha256,
            created_at: new Date().toISOString(),
            entity_count: 0,
            counts: '{}',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const id = Number(inserted.id);
        begun();
        // Duplicate ids are caught by the primary key, not a Set: memory stays flat on large lists.
        let count = 0;
        const byList: Record<string, number> = {};
        const bySchema: Record<string, number> = {};
        let batch: Entity[] = [];
        const flush = async () => {
          if (!batch.length) return;
          const rows = batch.map((e) => ({ version_id: id, entity_id: e.id, hash: contentHash(e), data: JSON.stringify(e), origin: rowOrigin(e) }));
          await trx
            .insertInto('blobs')
            .values(rows.map((r) => ({ hash: r.hash, data: r.data })))
            .onConflict((oc) => oc.column('hash').doNothing())
            .execute();
          try {
            await trx
              .insertInto('version_entities')
              .values(rows.map(({ version_id, entity_id, hash, origin }) => ({ version_id, entity_id, hash, origin })))
              .execute();
          } catch (err) {
            throw (await this.duplicateIn(trx, id, batch)) ?? err;
          }
          batch = [];
        };
        for await (const entity of entities) {
          count++;
          batch.push(entity);
          bySchema[entity.schema] = (bySchema[entity.schema] ?? 0) + 1;
          if (entity.schema === 'Sanction') for (const code of entity.properties.programId ?? ['UNKNOWN']) byList[code] = (byList[code] ?? 0) + 1;
          if (batch.length >= BATCH) {
            await flush();
            onProgress?.(count);
          }
        }
        await flush();
        await trx
          .updateTable('versions')
          .set({ entity_count: count, counts: JSON.stringify({ byList, bySchema }) })
          .where('id', '=', id)
          .execute();
        // Delivered to every listening process when (and only if) this transaction commits.
        if (this.handle.kind === 'postgres') await sql`select pg_notify(${LIST_VERSION_CHANNEL}, ${String(id)})`.execute(trx);
        return id;
      }),
    );
    return { version: (await this.version(versionId))!, unchanged: sameAsLatest };
  }

  /**
   * The source's latest version, read once this transaction alone may add one. PostgreSQL lets two imports
   * of one source run at once; both would take the same version number. The advisory lock makes the second
   * wait for the first's commit, as SQLite's single writer does.
   */
  private async latestLocked(trx: Transaction<Database>, source: string) {
    if (this.handle.kind === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext(${`sightline-import:${source}`}))`.execute(trx);
    return trx
      .selectFrom('versions')
      .select(['id', 'number as n', 'sha256'])
      .where('source', '=', source)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /**
   * SQLite has one writer at a time: an import started while another holds the write lock fails its first
   * write with SQLITE_BUSY (after busy_timeout). It is retried until the other finishes or importWaitMs
   * passes, only while nothing of the stream was consumed (the first write precedes reading any entity).
   */
  private async oneWriterAtATime<T>(write: (begun: () => void) => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.importWaitMs;
    for (;;) {
      let started = false;
      try {
        return await write(() => (started = true));
      } catch (err) {
        if (started || !isBusy(err)) throw err;
        if (Date.now() >= deadline) {
          const waited = Math.round(this.importWaitMs / 1000);
          throw new SightlineError('IO', `another import is running on this database and held it for more than ${waited} s; try again when it has finished`);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  /** After a primary-key failure: the entity whose id is repeated, as an error naming its record. */
  private async duplicateIn(trx: Kysely<Database>, versionId: number, batch: Entity[]): Promise<Error | undefined> {
    const inBatch = new Set<string>();
    const existing = new Set(
      (
        await trx
          .selectFrom('version_entities')
          .select('entity_id')
          .where('version_id', '=', versionId)
          .where(
            'entity_id',
            'in',
            batch.map((e) => e.id),
          )
          .execute()
      ).map((r) => r.entity_id),
    );
    for (const e of batch) {
      if (inBatch.has(e.id) || existing.has(e.id)) return badInput(`duplicate entity id ${e.id}`, { file: e.origin?.file, record: e.origin?.record });
      inBatch.add(e.id);
    }
    return undefined;
  }

  /** The version's entities, each with this version's origin (file, record): a blob keeps the first version's. */
  async entitiesOf(versionId: number): Promise<Entity[]> {
    const rows = await this.db
      .selectFrom('version_entities')
      .innerJoin('blobs', 'blobs.hash', 'version_entities.hash')
      .select(['blobs.data', 'version_entities.origin'])
      .where('version_entities.version_id', '=', versionId)
      .orderBy('version_entities.entity_id')
      .execute();
    return rows.map((r) => withRowOrigin(JSON.parse(r.data) as Entity, r.origin));
  }

  /** All entities of the current version of every source. */
  async currentEntities(): Promise<{ versions: VersionInfo[]; entities: Entity[] }> {
    const versions = await this.currentVersions();
    const entities: Entity[] = [];
    for (const v of versions) for (const e of await this.entitiesOf(v.id)) entities.push(e);
    return { versions, entities };
  }

  /** Entity id → when its content last changed, over the given versions (default: the current one of every source). */
  async changeDates(current?: VersionInfo[]): Promise<Map<string, string>> {
    return entityChangeDates(this.db, current ?? (await this.currentVersions()), await this.versions());
  }

  async diff(fromId: number, toId: number): Promise<VersionDiff> {
    const [from, to] = [await this.version(fromId), await this.version(toId)];
    if (!from || !to) throw badInput(`no such version: ${!from ? fromId : toId}`);
    if (from.source !== to.source) throw badInput(`versions ${fromId} and ${toId} belong to different sources (${from.source}, ${to.source})`);
    const { pairs, removed, added } = pairRows(await this.diffRows(fromId), await this.diffRows(toId));
    const load = async (hash: string) => {
      const row = await this.db.selectFrom('blobs').select('data').where('hash', '=', hash).executeTakeFirstOrThrow();
      return JSON.parse(row.data) as Entity;
    };
    const summary = (e: Entity): EntityChange => ({ id: e.id, schema: e.schema, caption: e.properties.name?.[0] ?? e.properties.programId?.[0] ?? e.id });
    const renamed = new Map(pairs.filter(([a, b]) => a.id !== b.id).map(([a, b]) => [a.id, b.id]));
    const changed: EntityChange[] = [];
    for (const [a, b] of pairs) {
      if (a.hash === b.hash) continue;
      const [x, y] = [await load(a.hash), await load(b.hash)];
      const properties = changedProperties(x, y, renamed);
      if (properties.length) changed.push({ ...summary(y), properties });
    }
    return {
      source: to.source,
      from,
      to,
      added: await Promise.all(added.map(async (r) => summary(await load(r.hash)))),
      removed: await Promise.all(removed.map(async (r) => summary(await load(r.hash)))),
      changed,
    };
  }

  /** The given entities of one version (those it holds), e.g. the entries a diff names. */
  async entitiesByIds(versionId: number, ids: string[]): Promise<Entity[]> {
    const out: Entity[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const rows = await this.db
        .selectFrom('version_entities')
        .innerJoin('blobs', 'blobs.hash', 'version_entities.hash')
        .select(['blobs.data', 'version_entities.origin'])
        .where('version_entities.version_id', '=', versionId)
        .where('version_entities.entity_id', 'in', ids.slice(i, i + BATCH))
        .execute();
      for (const r of rows) out.push(withRowOrigin(JSON.parse(r.data) as Entity, r.origin));
    }
    return out;
  }

  private async diffRows(versionId: number): Promise<DiffRow[]> {
    const rows = await this.db.selectFrom('version_entities').select(['entity_id', 'hash', 'origin']).where('version_id', '=', versionId).execute();
    return rows.map((r) => ({ id: r.entity_id, hash: r.hash, listId: r.origin ? (JSON.parse(r.origin) as Origin).listId : undefined }));
  }

  async httpCache(url: string) {
    return this.db.selectFrom('http_cache').selectAll().where('url', '=', url).executeTakeFirst();
  }

  async saveHttpCache(entry: { url: string; etag: string | null; last_modified: string | null; sha256: string | null }): Promise<void> {
    const row = { ...entry, fetched_at: new Date().toISOString() };
    await this.db
      .insertInto('http_cache')
      .values(row)
      .onConflict((oc) => oc.column('url').doUpdateSet(row))
      .execute();
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** Hash of the entity's content (origin line numbers excluded, so moved rows are not "changed"). */
export function contentHash(entity: Entity): string {
  const { origin, ...rest } = entity;
  const stable = { ...rest, origin: origin ? { source: origin.source, evidence: origin.evidence } : undefined, properties: sortedProps(entity.properties) };
  return createHash('sha256').update(JSON.stringify(stable)).digest('hex').slice(0, 32);
}

function sortedProps(props: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const k of Object.keys(props).sort()) out[k] = [...props[k]].sort();
  return out;
}

/** What of the origin belongs to this version's row rather than to the shared content. */
function rowOrigin(e: Entity): string | null {
  if (!e.origin) return null;
  const { file, record, listId } = e.origin;
  return JSON.stringify({ file, record, listId });
}

function withRowOrigin(e: Entity, origin: string | null): Entity {
  return origin ? { ...e, origin: { ...e.origin, ...(JSON.parse(origin) as Origin), source: e.origin?.source ?? '' } } : e;
}

function toVersionInfo(row: Selectable<VersionTable>): VersionInfo {
  const counts = JSON.parse(row.counts || '{}');
  return {
    id: Number(row.id),
    source: row.source,
    number: Number(row.number),
    format: row.format,
    fileNames: JSON.parse(row.file_names),
    sha256: row.sha256,
    createdAt: row.created_at,
    entityCount: Number(row.entity_count),
    counts: { byList: counts.byList ?? {}, bySchema: counts.bySchema ?? {} },
  };
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Table types for the Kysely query layer (same code drives SQLite and PostgreSQL). */
import type { Generated } from 'kysely';

export interface VersionTable {
  id: Generated<number>;
  source: string;
  /** 1, 2, 3… per source (migration 0005; null only while that migration runs). */
  number: number | null;
  format: string;
  file_names: string;
  sha256: string;
  created_at: string;
  entity_count: number;
  /** JSON: counts by list code and by schema. */
  counts: string;
}

/** Entity JSON stored once per content hash, shared by every version that contains it. */
export interface BlobTable {
  hash: string;
  data: string;
}

export interface VersionEntityTable {
  version_id: number;
  entity_id: string;
  hash: string;
  /** JSON: this version's origin of the row (file, record, listId); null for rows imported before 0005. */
  origin: string | null;
}

/** Conditional-request state for `lists update`. */
export interface HttpCacheTable {
  url: string;
  etag: string | null;
  last_modified: string | null;
  sha256: string | null;
  fetched_at: string;
}

export interface Database {
  versions: VersionTable;
  blobs: BlobTable;
  version_entities: VersionEntityTable;
  http_cache: HttpCacheTable;
}

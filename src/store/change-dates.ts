/**
 * When each entity of the current list versions last changed: the import time of the oldest version in
 * the unbroken run of versions, ending with the current one, that hold the entity with the same content
 * hash. An entity new or edited in the current version dates from it. Read version by version (newest
 * first), keeping only ids still unchanged, so memory stays at one version's rows.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { VersionInfo } from './store.ts';

export async function entityChangeDates(db: Kysely<Database>, current: VersionInfo[], all: VersionInfo[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const v of current) {
    const rows = async (id: number) => db.selectFrom('version_entities').select(['entity_id', 'hash']).where('version_id', '=', id).execute();
    let unchanged = new Map((await rows(v.id)).map((r) => [r.entity_id, r.hash]));
    for (const id of unchanged.keys()) out.set(id, v.createdAt);
    const older = all.filter((o) => o.source === v.source && o.id < v.id).sort((a, b) => b.id - a.id);
    for (const o of older) {
      if (!unchanged.size) break;
      const still = new Map<string, string>();
      for (const r of await rows(o.id)) {
        if (unchanged.get(r.entity_id) !== r.hash) continue;
        still.set(r.entity_id, r.hash);
        out.set(r.entity_id, o.createdAt);
      }
      unchanged = still;
    }
  }
  return out;
}

/** Test helpers for the list importers: fixture paths, collecting a stream, temporary bad files. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Entity } from '../../src/model/entity.ts';

export const fixtures = fileURLToPath(new URL('../fixtures/lists/', import.meta.url));
export const fixture = (...p: string[]): string => join(fixtures, ...p);

export async function collect(it: AsyncIterable<Entity>): Promise<Entity[]> {
  const out: Entity[] = [];
  for await (const e of it) out.push(e);
  return out;
}

export function byId(entities: Entity[], id: string): Entity {
  const e = entities.find((x) => x.id === id);
  if (!e) throw new Error(`no entity ${id} among ${entities.map((x) => x.id).join(', ')}`);
  return e;
}

/** Writes `content` to a new temp file with this name and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-lists-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

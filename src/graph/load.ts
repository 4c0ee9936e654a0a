/** Loads the world from the store: the knowledge pack is (re)imported first when it changed. */
import type { Store, VersionInfo } from '../store/index.ts';
import { loadPack, type Pack } from '../pack/index.ts';
import { createWorld, type MergedWorld } from './world.ts';

export interface LoadedWorld {
  world: MergedWorld;
  /** The versions screened against: what a certificate lists. */
  versions: VersionInfo[];
}

/** Imports the bundled pack as the `pack` source unless the store already holds this exact pack. */
export async function ensurePack(store: Store, pack: Pack = loadPack()): Promise<VersionInfo> {
  const out = await store.importVersion({ source: 'pack', format: 'pack', fileNames: ['data/pack'], sha256: pack.sha256 }, pack.entities);
  return out.version;
}

export async function loadWorld(store: Store): Promise<LoadedWorld> {
  const pack = loadPack();
  await ensurePack(store, pack);
  const { versions, entities } = await store.currentEntities();
  return { world: createWorld(entities, pack.sources), versions };
}

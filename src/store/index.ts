export { openDb, type Db } from './db.ts';
export {
  Store,
  LIST_VERSION_CHANNEL,
  contentHash,
  type VersionInfo,
  type ImportMeta,
  type ImportOutcome,
  type VersionDiff,
  type EntityChange,
} from './store.ts';

import { openDb } from './db.ts';
import { Store } from './store.ts';

export async function openStore(location: string): Promise<Store> {
  return new Store(await openDb(location));
}

/** Opens the store named by --db / SIGHTLINE_DB for one command and closes it afterwards. */
import { loadConfig, type Config } from '../config.ts';
import { openStore, type Store } from '../store/index.ts';

export async function withStore<T>(flags: { db?: string }, fn: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(flags);
  const store = await openStore(config.db);
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}

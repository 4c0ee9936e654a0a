import { test, before, after } from 'node:test';
import { sql } from 'kysely';
import { openStore } from '../store/index.ts';
import { postgresBinDir, startPgCluster, type PgCluster } from '../../test/helpers/pg-cluster.ts';
import { concurrentRescreens, listChangeAlerts } from '../../test/helpers/monitor-expect.ts';

// The same list-change scenario on PostgreSQL: a throwaway cluster per run.
const available = Boolean(postgresBinDir());
let cluster: PgCluster | undefined;

before(async () => {
  if (available) cluster = await startPgCluster();
});
after(() => cluster?.stop());

test('a list change raises exactly the new, changed and resolved alerts, once each (PostgreSQL)', {
  skip: available ? false : 'PostgreSQL server binaries not installed',
}, async () => {
  const store = await openStore(cluster!.url);
  try {
    await listChangeAlerts(store);
  } finally {
    await store.close();
  }
});

test('two processes re-screening the same monitors at once raise each alert once (PostgreSQL advisory lock)', {
  skip: available ? false : 'PostgreSQL server binaries not installed',
}, async () => {
  // a database of its own, and two stores on it: two connection pools, as two API processes have
  const admin = await openStore(cluster!.url);
  await sql`CREATE DATABASE concurrent_rescreens`.execute(admin.handle.db);
  await admin.close();
  const url = cluster!.url.replace(/\/postgres$/, '/concurrent_rescreens');
  const first = await openStore(url);
  const second = await openStore(url);
  try {
    await concurrentRescreens(first, second);
  } finally {
    await first.close();
    await second.close();
  }
});

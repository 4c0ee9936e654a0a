import { test, before, after } from 'node:test';
import { openStore } from '../store/index.ts';
import { postgresBinDir, startPgCluster, type PgCluster } from '../../test/helpers/pg-cluster.ts';
import { listChangeAlerts } from '../../test/helpers/monitor-expect.ts';

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

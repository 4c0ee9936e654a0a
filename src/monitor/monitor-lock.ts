/**
 * One re-screen of a monitor at a time. Two re-screens of the same monitor that overlap (a `POST
 * /monitors/run` while a scheduled update re-screens, or two API processes on one PostgreSQL database)
 * would both start from its last state and both raise its alerts. Within a process, re-screens of a monitor
 * queue behind each other; on PostgreSQL a session advisory lock per monitor, held on a connection of its
 * own while the re-screen runs on others, makes other processes wait too. The one that waited then starts
 * from the state the first saved (and finds nothing left to alert on). SQLite serves one process.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export class MonitorLocks<DB> {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly db: Kysely<DB>) {}

  async run<T>(monitorId: string, fn: () => Promise<T>): Promise<T> {
    const before = this.queues.get(monitorId) ?? Promise.resolve();
    const mine = before.then(() => this.acrossProcesses(monitorId, fn));
    const settled = mine.catch(() => undefined);
    this.queues.set(monitorId, settled);
    try {
      return await mine;
    } finally {
      if (this.queues.get(monitorId) === settled) this.queues.delete(monitorId);
    }
  }

  private acrossProcesses<T>(monitorId: string, fn: () => Promise<T>): Promise<T> {
    if (!(this.db.getExecutor().adapter instanceof PostgresAdapter)) return fn();
    const key = `sightline-monitor:${monitorId}`;
    return this.db.connection().execute(async (conn) => {
      await sql`SELECT pg_advisory_lock(hashtext(${key}))`.execute(conn);
      try {
        return await fn();
      } finally {
        await sql`SELECT pg_advisory_unlock(hashtext(${key}))`.execute(conn);
      }
    });
  }
}

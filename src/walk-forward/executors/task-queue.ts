/**
 * The sweep's job queue: pg-boss (10.x, the last line that runs on Node 20) in the server database,
 * in its own `pgboss` schema, which the first coordinator or worker to start creates (pg-boss
 * serialises that under an advisory lock and skips it once the schema is at its version).
 *
 * A job is one task and carries only `{ sweepId, fold, trial }`; the plan lives in
 * walk_forward_sweeps and the result goes to walk_forward_task_results. pg-boss runs on the
 * platform's own connection pool (the Database), so it needs no URL and no second pool; its
 * statements are passed through `Database.query` with values converted as its own driver (pg)
 * would (objects as JSON text, arrays as PostgreSQL array literals), and its locked multi-statement
 * texts run in a Database transaction (see executeSql).
 */
import PgBoss from "pg-boss";
import type { Database } from "../../db/index.ts";
import { InputError } from "../../errors.ts";

export const TASK_QUEUE = "walk-forward-task";

/** A job's data: which task of which sweep. */
export interface TaskJob {
  readonly sweepId: number;
  readonly fold: number;
  readonly trial: number;
}

/** What a failed job's output carries: the error's message, and its code when it is a PlatformError. */
export interface TaskFailure {
  readonly message: string;
  readonly code?: string;
  readonly expected?: boolean;
}

export interface TaskQueueOptions {
  /**
   * Run pg-boss maintenance every this many seconds: among others it fails active jobs past their
   * expiry (a killed worker's) so they are retried. Undefined: no maintenance from this process.
   */
  readonly maintenanceIntervalSeconds?: number;
  /** Errors pg-boss reports from its background work (maintenance). */
  readonly onError: (error: Error) => void;
}

/** A started pg-boss on `database` with the task queue created; stop() it when done. */
export async function startTaskQueue(database: Database, options: TaskQueueOptions): Promise<PgBoss> {
  if (database.capabilities.engine !== "postgres") {
    throw new InputError(`the job queue needs a PostgreSQL server (set DATABASE_URL); the embedded database in ${database.target} serves one process at a time`);
  }
  const boss = new PgBoss({
    db: { executeSql: async (text, values) => ({ rows: await executeSql(database, text, values) }) },
    schedule: false,
    supervise: options.maintenanceIntervalSeconds !== undefined,
    ...(options.maintenanceIntervalSeconds === undefined ? {} : { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds }),
  });
  boss.on("error", options.onError);
  await boss.start();
  await boss.createQueue(TASK_QUEUE);
  return boss;
}

/**
 * Delete jobs of the task queue for good. pg-boss fails a job by deleting its row and inserting it
 * again (to retry it, or to keep it failed), so a plain DELETE racing a worker's failure misses the
 * new row and the job outlives its sweep. With the job table locked against writes first, every
 * failure in flight has committed and the DELETE sees its row; a failure after it finds nothing.
 */
export async function deleteJobs(database: Database, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await database.transaction(async (tx) => {
    await tx.query("LOCK TABLE pgboss.job IN SHARE ROW EXCLUSIVE MODE");
    await tx.query("DELETE FROM pgboss.job WHERE name = $1 AND id = ANY($2::uuid[])", [TASK_QUEUE, driverValue(ids)]);
  });
}

/**
 * One pg-boss statement on the Database. Its schema changes and maintenance come as one text
 * `BEGIN; …; COMMIT;` (run under a transaction-scoped advisory lock), which postgres.js refuses on a
 * pool; that body runs in a Database transaction instead, the same single transaction.
 */
async function executeSql(database: Database, text: string, values: unknown[] | undefined): Promise<unknown[]> {
  const locked = /^\s*BEGIN;([\s\S]*)COMMIT;\s*$/.exec(text);
  if (locked !== null && values === undefined) return database.transaction((tx) => tx.query(locked[1]));
  return database.query(text, values?.map(driverValue));
}

/** A value as pg sends it: JSON text for objects, an array literal for arrays. */
function driverValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return `{${value.map(arrayElement).join(",")}}`;
  if (value !== null && typeof value === "object" && !(value instanceof Date)) return JSON.stringify(value);
  return value;
}

function arrayElement(value: unknown): string {
  return value === null || value === undefined ? "NULL" : `"${String(value).replace(/[\\"]/g, "\\$&")}"`;
}

/**
 * At most one run of a job at a time against one database; a second run is refused at once (never
 * queued), and the caller decides what refusal means (a skipped scheduler tick, a one-line exit).
 *
 * - PostgreSQL server: `pg_try_advisory_xact_lock(namespace, hashtext(job))` taken in a transaction
 *   on one pooled connection, held open for the whole run while the work uses the other pooled
 *   connections. The lock ends with that transaction: commit after the work, rollback when it throws,
 *   and the server ending the session when the process dies, so a crashed scheduler leaves no stale
 *   lock. (A session lock would need one fixed connection, which the pool does not promise.)
 * - Embedded PGlite: one connection serves the process, and a transaction on it blocks every other
 *   statement, so the work cannot run beside an open lock transaction; advisory locks are also
 *   re-entrant within a session and would not exclude a second run anyway. There the in-process
 *   registry below is the exclusion. Two processes on one PGlite directory are excluded by nothing
 *   (PGlite itself does not refuse it); that is for the storage layer to prevent.
 * The in-process registry applies on both engines, so a second run in the same process is refused
 * without a round trip.
 */
import type { Database } from "../../db/index.ts";
import { PlatformError } from "../../errors.ts";

/**
 * Namespace (first key) of this platform's job locks, so they cannot collide with other advisory
 * locks; an operator can hold a job off with `SELECT pg_advisory_lock(724101, hashtext('<job>'))`.
 */
export const JOB_LOCK_NAMESPACE = 724_101;

/** An expected refusal: another run of the job holds its lock. */
export class JobLockedError extends PlatformError {
  override name = "JobLockedError";
  constructor(message: string) {
    super("locked", message);
  }
}

function refusal(job: string, holder: string): JobLockedError {
  return new JobLockedError(`${job} is already running against this database (its lock is held by ${holder})`);
}

const heldInProcess = new WeakMap<Database, Set<string>>();

/** Run `work` holding the job's lock; throws JobLockedError when another run holds it. */
export async function withJobLock<T>(database: Database, job: string, work: () => Promise<T>): Promise<T> {
  let held = heldInProcess.get(database);
  if (held === undefined) heldInProcess.set(database, (held = new Set()));
  if (held.has(job)) throw refusal(job, "this process");
  held.add(job);
  try {
    if (database.capabilities.engine !== "postgres") return await work();
    return await database.transaction(async (tx) => {
      const [{ locked }] = await tx.query<{ locked: boolean }>("SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked", [
        JOB_LOCK_NAMESPACE,
        job,
      ]);
      if (!locked) throw refusal(job, "another connection");
      return work();
    });
  } finally {
    held.delete(job);
  }
}

/**
 * The database lifetime of a one-call library entry (fetchYahoo, runOptimization, …): work on the
 * database the caller holds, or open the configured one for the call and close it after, so a
 * script and a REPL user make the same call.
 */
import { type Database, openDatabase } from "./index.ts";

/**
 * `work` on `database` when given (left open: the caller owns it), else on the configured database
 * (DATABASE_URL, else the embedded one in PGLITE_DIR), opened for the call and closed after it.
 */
export async function withDatabase<T>(work: (database: Database) => Promise<T>, database?: Database): Promise<T> {
  if (database !== undefined) return work(database);
  const opened = await openDatabase();
  try {
    return await work(opened);
  } finally {
    await opened.close();
  }
}

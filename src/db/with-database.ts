/**
 * The database lifetime of a one-call library entry (fetchYahoo, runOptimization, …): work on the
 * database the caller holds, or open the configured one for the call and close it after, so a
 * script and a REPL user make the same call.
 */
import { type Database, type OpenOptions, openDatabase } from "./index.ts";

/**
 * `work` on `database` when given (left open: the caller owns it), else on the configured database
 * (DATABASE_URL, else the embedded one in PGLITE_DIR), opened for the call and closed after it.
 */
export async function withDatabase<T>(work: (database: Database) => Promise<T>, database?: Database): Promise<T> {
  return database === undefined ? onOpened(work, {}) : work(database);
}

/**
 * `work` on the configured database, which must already exist: for commands that only read what
 * was stored, so a mistyped PGLITE_DIR is refused (naming the directory) rather than created empty.
 */
export function withExistingDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  return onOpened(work, { mustExist: true });
}

async function onOpened<T>(work: (database: Database) => Promise<T>, options: OpenOptions): Promise<T> {
  const opened = await openDatabase(options);
  try {
    return await work(opened);
  } finally {
    await opened.close();
  }
}

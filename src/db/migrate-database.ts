/**
 * Bring a database's schema up to date in one call, the one `scripts/migrate.ts` makes: open it
 * (which applies the pending migrations; applying twice is a no-op) and say what the engine can do.
 */
import type { Capabilities } from "./types.ts";
import { type OpenOptions, openDatabase } from "./index.ts";

export interface MigrationStatus extends Capabilities {
  /** Where the data lives, without secrets. */
  readonly target: string;
  /** Migrations applied so far. */
  readonly migrations: number;
}

/** Migrate the database `options` name (default: DATABASE_URL, else PGLITE_DIR) and report its state. */
export async function migrateDatabase(options: OpenOptions = {}): Promise<MigrationStatus> {
  const database = await openDatabase(options);
  try {
    const [{ n }] = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
    const { engine, serverVersion, timescaledb } = database.capabilities;
    return { target: database.target, engine, serverVersion, timescaledb, migrations: n };
  } finally {
    await database.close();
  }
}

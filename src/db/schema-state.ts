/**
 * Whether a database's schema is current: drizzle records each applied migration with its journal
 * time (`created_at`), and applies a folder's migrations newer than the last one recorded, so the
 * schema is current when that last time reaches the newest migration's. The folder is read with
 * drizzle's own reader, the one its migrator uses.
 */
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { Queryable } from "./types.ts";

/** The journal time of the newest migration in `folder`. */
function latestMigrationTime(folder: string): number {
  return Math.max(...readMigrationFiles({ migrationsFolder: folder }).map((migration) => migration.folderMillis));
}

/** True when every migration in `folder` is applied to `session`'s database. */
export async function schemaIsCurrent(session: Queryable, folder: string): Promise<boolean> {
  const [{ recorded }] = await session.query<{ recorded: boolean }>("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS recorded");
  if (!recorded) return false;
  const [{ last }] = await session.query<{ last: string | null }>("SELECT max(created_at)::text AS last FROM drizzle.__drizzle_migrations");
  return last !== null && Number(last) >= latestMigrationTime(folder);
}

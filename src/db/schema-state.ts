/**
 * Whether a database's schema is current: drizzle records each applied migration with its journal
 * time (`created_at`), and applies a folder's migrations newer than the last one recorded, so the
 * schema is current when that last time reaches the journal's last entry.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Queryable } from "./types.ts";

/** The journal time of the newest migration in `folder` (drizzle's `meta/_journal.json`). */
export function latestMigrationTime(folder: string): number {
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/** True when every migration in `folder` is applied to `session`'s database. */
export async function schemaIsCurrent(session: Queryable, folder: string): Promise<boolean> {
  const [{ recorded }] = await session.query<{ recorded: boolean }>("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS recorded");
  if (!recorded) return false;
  const [{ last }] = await session.query<{ last: string | null }>("SELECT max(created_at)::text AS last FROM drizzle.__drizzle_migrations");
  return last !== null && Number(last) >= latestMigrationTime(folder);
}

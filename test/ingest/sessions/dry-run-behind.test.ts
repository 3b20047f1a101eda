/**
 * A dry run against a database whose schema is behind (migrated before the tick-session tables
 * existed) reports the import through a migrated stand-in and leaves the database as it was.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, openDatabase } from "../../../src/db/index.ts";
import { schemaIsCurrent } from "../../../src/db/schema-state.ts";
import { generateTickSessions } from "../../../src/synthetic/tick-sessions.ts";
import { runCli, type CliResult } from "../sqlite/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "sessions-behind-"));
const pgliteDir = join(dir, "pglite");
const sample = generateTickSessions(join(dir, "data"), { seed: 5, trades: 12, snapshots: 6, indicatorValues: 4 });

/** The journal time of migration `tag`. */
function migrationTime(tag: string): number {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: { tag: string; when: number }[] };
  return journal.entries.find((entry) => entry.tag === tag)!.when;
}

/** Undo migrations 0006 and 0007 by hand: their objects and drizzle records (0007 changed nothing but a function on TimescaleDB). */
async function migrateToBeforeTickSessions(): Promise<void> {
  const db = await openDatabase({ dir: pgliteDir });
  try {
    await db.query("DROP MATERIALIZED VIEW tick_candles_1m");
    // TimescaleDB drops a hypertable only on its own.
    for (const table of ["tick_prices", "tick_orderbook", "indicator_values", "tick_session_files", "tick_sessions"]) await db.query(`DROP TABLE ${table}`);
    await db.query("DROP FUNCTION refresh_tick_candles(text[])");
    await db.query("DELETE FROM drizzle.__drizzle_migrations WHERE created_at >= $1", [migrationTime("0006_tick_sessions")]);
  } finally {
    await db.close();
  }
}

describe("migrate-csv-sessions --dry-run on a schema that is behind", () => {
  let result: CliResult;
  let fresh: CliResult;
  let current: boolean;
  let tickTables: string | null;

  beforeAll(async () => {
    await migrateToBeforeTickSessions();
    const args = ["--data-dir", sample.dir, "--dry-run", "--json"];
    result = await runCli("migrate-csv-sessions.ts", args, { PGLITE_DIR: pgliteDir });
    fresh = await runCli("migrate-csv-sessions.ts", args, { PGLITE_DIR: join(dir, "never-created") });
    const db = await openDatabase({ dir: pgliteDir, migrate: false });
    try {
      current = await schemaIsCurrent(db, MIGRATIONS_FOLDER);
      [{ tickTables }] = await db.query<{ tickTables: string | null }>("SELECT to_regclass('tick_sessions')::text AS \"tickTables\"");
    } finally {
      await db.close();
    }
  }, 120_000);

  it("reports every file as a dry run into no database does, exit code 0, progress but no stack trace on stderr", () => {
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(0);
    const sessions = (r: CliResult) => (JSON.parse(r.stdout) as { sessions: unknown[] }).sessions;
    expect(sessions(result)).toHaveLength(sample.sessions.length);
    expect(sessions(result)).toEqual(sessions(fresh));
  });

  it("leaves the database as it was: still behind, no tick tables", () => {
    expect(current).toBe(false);
    expect(tickTables).toBeNull();
  });
});

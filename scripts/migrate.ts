/**
 * Apply pending migrations to the configured database (DATABASE_URL, else the embedded PGlite in
 * PGLITE_DIR) and print what the engine can do. Applying twice is a no-op.
 */
import { migrateDatabase } from "../src/db/migrate-database.ts";
import { parseCli, runCli } from "./lib/cli.ts";

const HELP = `Usage: tsx scripts/migrate.ts [--json]

Applies pending schema migrations (tables, TimescaleDB hypertables, compression,
continuous aggregates; plain-PostgreSQL fallbacks where TimescaleDB is absent).

Target: DATABASE_URL=postgres://user:pass@host:port/db, else the embedded database
in PGLITE_DIR (default ./data/pglite).

  --json   print {"target", "engine", "serverVersion", "timescaledb", "migrations"} as JSON
  --help   show this help`;

runCli(async () => {
  const values = parseCli({ json: { type: "boolean" } }, HELP);
  if (!values) return;
  const status = await migrateDatabase();
  if (values.json) {
    console.log(JSON.stringify(status));
  } else {
    const { target, migrations, engine, serverVersion, timescaledb } = status;
    console.log(
      `${target}: ${migrations} migrations applied (${engine}, PostgreSQL ${serverVersion}, ` +
        `${timescaledb ? `TimescaleDB ${timescaledb}` : "no TimescaleDB: plain tables and materialized views"})`,
    );
  }
});

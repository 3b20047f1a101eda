/**
 * Load a Spock (`spock_local.db`) or Stockula (`stockula.db`) SQLite file into the platform.
 * See src/ingest/sqlite/migrate.ts for the order of work and src/ingest/sqlite/layouts for each table.
 */
import { parseCli, runCli } from "./lib/cli.ts";
import { DEFAULT_BATCH_SIZE, migrateFromSqlite, type MigrateReport } from "../src/ingest/sqlite/migrate.ts";
import { INGEST_FLAGS, interruptible, progressFlag } from "./lib/ingest-flags.ts";
import { InputError } from "../src/errors.ts";

const HELP = `Usage: tsx scripts/migrate-from-sqlite.ts --source FILE [options]

Loads every table of a Spock or Stockula SQLite file that has a home in the platform
(the layout is recognised from the tables present); other tables are listed as skipped.

Target: DATABASE_URL=postgres://user:pass@host:port/db, else the embedded database in
PGLITE_DIR (default ./data/pglite). The schema is created first if it is missing.

  --source FILE      the SQLite file (required)
  --tables a,b       load only these source tables
  --batch-size N     source rows per batch and transaction (default ${DEFAULT_BATCH_SIZE})
  --dry-run          read and check everything, report what would load, write nothing
  --resume           continue the interrupted run of FILE (same tables and batch size)
  --progress-every S when stderr is not a terminal, a progress line per table every S
                     seconds (default 2; 0 = after every batch)
  --json             print one JSON document: {source, layout, tables: {<table>: {source,
                     loaded, merged, rejected}}, inferredInstruments, seconds, …}
  --help             show this help

Every table satisfies source = loaded + merged + rejected; the same accounting is stored
in migration_runs, and each rejected row (whole, with its reason) in migration_rejects.

Ctrl-C (or SIGTERM) stops after the batches being written: the run is recorded as
interrupted and the --resume command that continues it is printed; exit code 130.
A second Ctrl-C quits at once (the run then stays "running"; --resume still continues it).
Exit codes: 0 loaded; 2 bad input; 130 interrupted.`;

function table(report: MigrateReport): string {
  const rows = Object.entries(report.tables).map(([name, a]) => [name, a.source, a.loaded, a.merged, a.rejected]);
  const lines = [["table", "source", "loaded", "merged", "rejected"], ...rows].map(([name, ...counts]) =>
    `${String(name).padEnd(24)}${counts.map((n) => String(n).padStart(10)).join("")}`,
  );
  const notes = Object.entries(report.notes).flatMap(([t, n]) => Object.entries(n).map(([k, v]) => `${t}: ${v} rows ${k}`));
  return [
    `${report.dryRun ? "dry run (nothing written): " : ""}${report.source} (${report.layout}) → ${report.target}, run ${report.runId}`,
    ...lines,
    `inferred instruments: ${report.inferredInstruments}`,
    ...(notes.length > 0 ? [`loaded with notes: ${notes.join("; ")}`] : []),
    ...(report.skipped.length > 0 ? [`skipped (no home in the platform): ${report.skipped.join(", ")}`] : []),
    `${report.seconds.toFixed(2)} s`,
  ].join("\n");
}

runCli(async () => {
  const values = parseCli(
    {
      source: { type: "string" },
      tables: { type: "string" },
      ...INGEST_FLAGS,
    },
    HELP,
  );
  if (!values) return;
  const source = values.source;
  if (!source) throw new InputError("--source FILE is required; see --help");
  if (values.resume && (values.tables !== undefined || values["batch-size"] !== undefined || values["dry-run"])) {
    throw new InputError("--resume continues the interrupted run with its own tables and batch size; drop --tables, --batch-size and --dry-run");
  }
  const batchSize = values["batch-size"] === undefined ? undefined : Number(values["batch-size"]);
  const progress = progressFlag(values["progress-every"]);
  return interruptible(progress, `tsx scripts/migrate-from-sqlite.ts --source ${source} --resume`, async (signal) => {
    const report = await migrateFromSqlite({
      source,
      tables: values.tables?.split(",").map((t) => t.trim()).filter((t) => t !== ""),
      batchSize,
      dryRun: values["dry-run"],
      resume: values.resume,
      progress,
      signal,
    });
    console.log(values.json ? JSON.stringify(report) : table(report));
  });
});

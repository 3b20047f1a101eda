/**
 * Import FX_code_AI's tick-data session folders (`data/session_{id}/{SYMBOL}/…csv`).
 * See src/ingest/sessions/index.ts for the order of work and the modules beside it for each rule.
 */
import { parseCli, runCli } from "./lib/cli.ts";
import { DEFAULT_BATCH_SIZE, migrateCsvSessions, type SessionsImportReport } from "../src/ingest/sessions/index.ts";
import { INGEST_FLAGS, interruptible, progressFlag } from "./lib/ingest-flags.ts";
import { InputError } from "../src/errors.ts";

const HELP = `Usage: tsx scripts/migrate-csv-sessions.ts --data-dir DIR [options]

Imports the tick-data sessions of an FX_code_AI data folder: every folder session_{id} in DIR
(others are ignored), its symbol folders (BTC_USDT, …; one without files is not a symbol of the
session) and their prices.csv, orderbook.csv and indicators/*.csv (indicator id = file name
without .csv), into tick_prices, tick_orderbook and indicator_values; each session's row in
tick_sessions is created or updated (status completed, counts, first and last tick, symbols,
data types). What was imported is recorded per session and file (size, modification time,
SHA-256): a second run skips unchanged files and reloads changed ones whole.

Target: DATABASE_URL=postgres://user:pass@host:port/db, else the embedded database in
PGLITE_DIR (default ./data/pglite). The schema is created first if it is missing.

  --data-dir DIR       the folder holding the session_* folders (required)
  --session ID         import only this session (its id, or its folder name); repeatable
  --batch-size N       rows per batch and transaction (default ${DEFAULT_BATCH_SIZE})
  --dry-run            read and check everything, report what would load, write nothing
  --resume             continue the interrupted run of DIR with its own sessions and batch size
  --progress-every S   when stderr is not a terminal, a progress line (rows/s) per file every S
                       seconds (default 2; 0 = after every batch)
  --json               print one JSON document: {sessions: [{sessionId, symbols, files: [{path,
                       kind, source, loaded, merged, rejected}], status}], skipped, seconds}
  --help               show this help

Rows: two trades with the same timestamp are both kept (the line number breaks the tie); a
volume written 0 (missing) is stored as NULL; a missing order-book level (0,0) as a NULL level.
Rejected and kept whole with the reason in migration_rejects: a truncated last line (a session
killed mid-write), text in a number, a non-positive price, a timestamp that is not epoch
seconds, a row with another cell count than its header. Every file satisfies
source = loaded + merged + rejected (merged: an indicator timestamp written twice).

Ctrl-C (or SIGTERM) stops after the batches being written: the run is recorded as
interrupted and the --resume command is printed; exit code 130. After kill -9, --resume
finishes the run exactly as a clean run would have.
Exit codes: 0 imported (rejects included); 2 bad input (a missing folder, no sessions in it,
an unknown --session, a wrong header, an unreachable database; nothing written); 130 interrupted.`;

function table(report: SessionsImportReport): string {
  const lines = report.sessions.flatMap((s) => [
    `${s.sessionId} (${s.symbols.join(", ") || "no symbols"}): ${s.files.length} file(s) loaded, ${s.status}`,
    ...s.files.map((f) => `  ${f.path.padEnd(48)}${f.kind.padEnd(10)}${[f.source, f.loaded, f.merged, f.rejected].map((n) => String(n).padStart(10)).join("")}`),
  ]);
  return [
    `${report.dryRun ? "dry run (nothing written): " : ""}${report.sessions.length} session(s) → ${report.target}, run ${report.runId}`,
    `  ${"file".padEnd(48)}${"kind".padEnd(10)}${["source", "loaded", "merged", "rejected"].map((h) => h.padStart(10)).join("")}`,
    ...lines,
    `skipped (imported unchanged before): ${report.skipped} file(s)`,
    `${report.seconds.toFixed(2)} s`,
  ].join("\n");
}

/** The --json document: exactly the fields the issue names. */
function json(report: SessionsImportReport): string {
  return JSON.stringify({
    sessions: report.sessions.map(({ sessionId, symbols, files, status }) => ({
      sessionId,
      symbols,
      files: files.map(({ path, kind, source, loaded, merged, rejected }) => ({ path, kind, source, loaded, merged, rejected })),
      status,
    })),
    skipped: report.skipped,
    seconds: report.seconds,
  });
}

runCli(async () => {
  const values = parseCli({ "data-dir": { type: "string" }, session: { type: "string", multiple: true }, ...INGEST_FLAGS }, HELP);
  if (!values) return;
  const dataDir = values["data-dir"];
  if (!dataDir) throw new InputError("--data-dir DIR is required; see --help");
  const progress = progressFlag(values["progress-every"]);
  return interruptible(progress, `tsx scripts/migrate-csv-sessions.ts --data-dir ${dataDir} --resume`, async (signal) => {
    const report = await migrateCsvSessions({
      dataDir,
      sessions: values.session,
      batchSize: values["batch-size"] === undefined ? undefined : Number(values["batch-size"]),
      dryRun: values["dry-run"],
      resume: values.resume,
      progress,
      signal,
    });
    console.log(values.json ? json(report) : table(report));
  });
});

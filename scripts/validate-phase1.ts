/**
 * Phase-1 acceptance: row accounting against the source, integrity, TimescaleDB health (or the
 * plain-PostgreSQL fallback) and read performance. Exit 0 when every check passes or warns, 1 when
 * any fails, 2 on bad input. The work is `validatePhase1` (src/ingest/sqlite/validate/validate.ts).
 */
import { parseCli, runCli } from "./lib/cli.ts";
import { validatePhase1, type ValidationReport } from "../src/ingest/sqlite/validate/validate.ts";
import { InputError } from "../src/errors.ts";

const HELP = `Usage: tsx scripts/validate-phase1.ts [--source FILE] [--runs N] [--json]

Checks the target (DATABASE_URL, else the embedded database in PGLITE_DIR or ./data/pglite):
  1. accounting   the latest completed migration run (of FILE with --source, recounted):
                  source = loaded + merged + rejected per table, rejects stored, target rows
                  = rows before + rows loaded
  2. integrity    no NULL price keys/values, no duplicate keys, no orphan rows (FAIL);
                  OHLC within 2% and ticker shapes per region (WARN)
  3. timescaledb  hypertables, compression and policies, continuous aggregates and their
                  refresh policies; on plain PostgreSQL a WARN and the fallback views
  4. performance  p50 of N runs (default 9): 10 years of one ticker (1 s), a year of one
                  factor (0.5 s), one ticker's monthly aggregate (0.2 s)

  --source FILE   the SQLite file that was migrated
  --runs N        timed repetitions per performance query (default 9)
  --json          print one JSON document: {accepted, counts, checks: [{group, name, status, figure}], …}
  --help          show this help

Exit code: 0 accepted (warnings allowed), 1 a check failed, 2 bad input.`;

function table(report: ValidationReport): string {
  const rows = report.checks.map((c) => [c.group, c.name, c.figure, c.status]);
  const widths = [0, 1, 2].map((i) => Math.max(...[["GROUP", "CHECK", "FIGURE"][i].length, ...rows.map((r) => r[i].length)]));
  const line = (r: string[]) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join("  ");
  return [
    `${report.target} (${report.engine}, ${report.timescaledb ? `TimescaleDB ${report.timescaledb}` : "no TimescaleDB"})`,
    line(["GROUP", "CHECK", "FIGURE", "STATUS"]),
    ...rows.map(line),
    `${report.counts.PASS} PASS, ${report.counts.WARN} WARN, ${report.counts.FAIL} FAIL: ${report.accepted ? "accepted" : "NOT accepted"}`,
  ].join("\n");
}

runCli(async () => {
  const values = parseCli({ source: { type: "string" }, runs: { type: "string" }, json: { type: "boolean" } }, HELP);
  if (!values) return;
  const runs = values.runs === undefined ? undefined : Number(values.runs);
  if (runs !== undefined && (!Number.isInteger(runs) || runs < 1)) throw new InputError(`--runs must be a positive integer, got ${values.runs}`);
  const report = await validatePhase1({ source: values.source, runs });
  console.log(values.json ? JSON.stringify(report) : table(report));
  return report.accepted ? 0 : 1;
});

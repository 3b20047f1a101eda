/**
 * Compute factor scores for a date, a range, or on a schedule, and replace them in factor_scores.
 * The work is src/factors/jobs (factor-job.ts: what is loaded, point-in-time rules, the lock, the
 * job_runs log; schedule.ts: catch-up). This file parses arguments and prints.
 *
 * Output: a table on stdout, or with --json exactly one JSON document (the job result); schedule
 * progress goes to stderr, one line per tick. Exit codes (scripts/lib/cli.ts): 0 done, 2 bad input,
 * nothing to compute (empty database, no prices on the date) or another run holding the job's lock.
 * A factor that gets no values (too little history, no fundamentals) is not bad input: exit 0, with a
 * `note:` line saying why (in --json, the result's `notes`).
 */
import { type CliValues, dateOption, parseCli, runCli } from "./lib/cli.ts";
import { withExistingDatabase } from "../src/db/with-database.ts";
import { type FactorJobRequest, type FactorJobResult, type NeutralizeBy, runFactorJob } from "../src/factors/jobs/factor-job.ts";
import { JobLockedError } from "../src/factors/jobs/job-lock.ts";
import { type ScheduledRequest, type TickOutcome, scheduleFactorJob } from "../src/factors/jobs/schedule.ts";
import { FACTOR_NAMES, factorByName } from "../src/factors/registry.ts";
import { InputError } from "../src/errors.ts";

const HELP = `Usage: tsx scripts/compute-factors.ts (--date D | --from D --to D | --schedule "CRON") [options]

Computes factor scores (raw value, z-score, percentile, score) per date and region and replaces
them in factor_scores: re-running a range replaces exactly what it wrote before. Every run is
logged in job_runs; two runs never compute at once (a second one is refused and logged).

  --date D              one date, YYYY-MM-DD
  --from D --to D       every trading day in the range, inclusive
  --month-ends          only the last trading day of each month in the range
  --schedule "CRON"     keep running; on each tick (croner syntax, local time; e.g. "30 18 * * 1-5")
                        compute the latest trading day and every day missed since the last success
  --factors a,b         factors to compute (default: all):
                        ${FACTOR_NAMES.join(", ")}
  --region R            one region (default: every region with prices, each scored on its own)
  --neutralize KIND     sector | industry: demean z-scores within each instrument's sector or
                        industry (tickers, else stock_details); refused when no two share one
  --json                print the result as one JSON document (not with --schedule)
  --help                show this help

Database: DATABASE_URL=postgres://user:pass@host:port/db, else the embedded database in
PGLITE_DIR (default ./data/pglite).
A factor with no values in a region (too little history, no fundamentals) still exits 0 and
prints a "note:" line saying why (with --json: "notes" in the document).
Exit codes: 0 done; 2 bad input, nothing to compute (empty database, no prices on the date),
or another run holds the lock (the refused run is logged as failed with details.skipped).`;

const OPTIONS = {
  date: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  "month-ends": { type: "boolean" },
  schedule: { type: "string" },
  factors: { type: "string" },
  region: { type: "string" },
  neutralize: { type: "string" },
  json: { type: "boolean" },
} as const;

type Values = CliValues<typeof OPTIONS>;

/** What to compute, checked before the database is opened. */
function jobRequest(values: Values): ScheduledRequest {
  const factors = values.factors?.split(",").map((name) => name.trim()).filter((name) => name !== "");
  if (factors !== undefined) {
    if (factors.length === 0) throw new InputError("--factors needs at least one factor name; leave it out for all");
    factors.forEach(factorByName);
  }
  if (values.region !== undefined && values.region.trim() === "") throw new InputError("--region needs a region, e.g. --region KR");
  if (values.neutralize !== undefined && values.neutralize !== "sector" && values.neutralize !== "industry") {
    throw new InputError(`--neutralize must be sector or industry, got "${values.neutralize}"`);
  }
  return {
    factors,
    region: values.region?.trim(),
    monthEnds: values["month-ends"] ?? false,
    neutralize: values.neutralize as NeutralizeBy | undefined,
  };
}

function range(values: Values): { from: string; to: string } {
  if (values.date !== undefined) {
    if (values.from !== undefined || values.to !== undefined) throw new InputError("give either --date or --from/--to, not both");
    const day = dateOption(values.date, "--date");
    return { from: day, to: day };
  }
  if (values.from === undefined || values.to === undefined) {
    throw new InputError("give --date D, --from D --to D, or --schedule \"CRON\"; see --help");
  }
  const from = dateOption(values.from, "--from");
  const to = dateOption(values.to, "--to");
  if (from > to) throw new InputError(`--from ${from} is after --to ${to}`);
  return { from, to };
}

function table(result: FactorJobResult): string {
  const lines = [`run #${result.runId}: ${result.from} … ${result.to}, ${result.rows} rows`];
  for (const r of result.regions) lines.push(`  region ${r.region}: ${r.dates} dates (${r.first} … ${r.last}) × ${r.instruments} instruments`);
  const width = Math.max(...result.factors.map((name) => name.length));
  for (const name of result.factors) lines.push(`  ${name.padEnd(width)}  ${String(result.rowsByFactor[name]).padStart(10)} rows`);
  const s = result.seconds;
  lines.push(`  ${s.total.toFixed(2)} s (load ${s.load.toFixed(2)}, compute ${s.compute.toFixed(2)}, write ${s.write.toFixed(2)})`);
  for (const note of result.notes) lines.push(`note: ${note}`);
  return lines.join("\n");
}

/** Tick until SIGINT/SIGTERM, then let a running tick finish and return. */
async function schedule(pattern: string, request: ScheduledRequest): Promise<void> {
  const report = (outcome: TickOutcome) => {
    const stamp = new Date().toISOString();
    if (outcome.ok) {
      const r = outcome.result;
      process.stderr.write(`${stamp} run #${r.runId}: ${r.from} … ${r.to}, ${r.rows} rows in ${r.seconds.total.toFixed(2)} s\n`);
      for (const note of r.notes) process.stderr.write(`${stamp} note: ${note}\n`);
    } else {
      process.stderr.write(`${stamp} ${outcome.error instanceof JobLockedError ? "skipped" : "failed"}: ${outcome.error.message}\n`);
    }
  };
  await withExistingDatabase(async (database) => {
    const cron = scheduleFactorJob(database, pattern, request, report);
    process.stderr.write(`compute-factors scheduled on "${pattern}" against ${database.target}; next tick ${cron.nextRun()?.toISOString()}; Ctrl-C stops\n`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    cron.stop();
    while (cron.isBusy()) await new Promise((resolve) => setTimeout(resolve, 100));
  });
}

runCli(async () => {
  const values = parseCli(OPTIONS, HELP);
  if (!values) return;
  const request = jobRequest(values);
  if (values.schedule !== undefined) {
    if (values.date !== undefined || values.from !== undefined || values.to !== undefined) {
      throw new InputError("--schedule computes the latest trading day itself; leave out --date/--from/--to");
    }
    if (values.json) throw new InputError("--json prints one document and --schedule never ends; leave one out");
    await schedule(values.schedule, request);
    return;
  }
  const job: FactorJobRequest = { ...request, ...range(values) };
  const result = await withExistingDatabase((database) => runFactorJob(database, job));
  console.log(values.json ? JSON.stringify(result) : table(result));
});

/**
 * Factor benchmark: all price factors over a synthetic universe (default 3,000 tickers × 2,520
 * weekdays ≈ 10 years), at every month-end and at every day of the last year (252 days).
 *
 * Part 1, computation only (always): building the own-bar histories, raw factor values, and
 * cross-sectional scoring into factor_scores rows, in seconds of wall time. Each scenario starts from
 * a fresh close panel (no cached history), like a real run that has just loaded its panel.
 * Part 2, the factor job against a PostgreSQL server (skipped when neither DATABASE_URL nor
 * TEST_DATABASE_URL is set): with TEST_DATABASE_URL a scratch database is created on that server
 * (dropped after); DATABASE_URL is used as it is, keeping the bars for the next run (loading 7.3
 * million bars takes minutes). The universe is loaded as daily bars of region BENCH with
 * database.copyRows (not timed; skipped when the same bars are already there), then the job
 * (src/factors/jobs/factor-job.ts) runs end to end: loading closes, computing, scoring, replacing the
 * scores in factor_scores and logging job_runs. Its wall time and the job's own split (load, compute,
 * write) are printed. Before each scenario the BENCH scores are deleted and factor_scores vacuumed,
 * so its first run writes as a first computation of the range does (no stored scores to replace);
 * later runs replace the first one's scores (delete, then insert the same keys), which costs the
 * server more: its primary key still holds the deleted entries and checks each new key against them.
 * Every scenario is run `--repeat` times; the first (fresh) and the best rerun are printed, each with
 * the job's own split.
 *
 * Data: src/synthetic/close-panel.ts on weekdays from 2015-01-01: geometric Brownian motion per
 * ticker, seeded, annual volatility 15–60%, 10% of tickers listed late (NaN before listing) and 0.2%
 * of bars missing at random.
 */
import { integerOption, parseCli, runCli } from "../scripts/lib/cli.ts";
import { loadavg } from "node:os";
import { type Database, openDatabase } from "../src/db/index.ts";
import { InputError } from "../src/errors.ts";
import { freshTargets } from "./lib/fresh-targets.ts";
import { scoreFactor, scoreRows } from "../src/factors/cross-section/score-factor.ts";
import { type FactorJobRequest, runFactorJob } from "../src/factors/jobs/factor-job.ts";
import { PRICE_FACTORS } from "../src/factors/registry.ts";
import { monthEndRows, type Panel } from "../src/panel/index.ts";
import { ohlcvData } from "../src/schema/index.ts";
import { closeBars, numberedTickers, randomClosePanel, weekdaysFrom } from "../src/synthetic/index.ts";

const HELP = `Usage: tsx perf/factors.bench.ts [--tickers N] [--days N] [--seed N] [--repeat N] [--part P] [--json]

Computes every price factor (${PRICE_FACTORS.map((f) => f.name).join(", ")})
on seeded synthetic closes at every month-end and at every day of the last 252 days, and
prints the seconds spent computing (no database).

With TEST_DATABASE_URL=postgres://user:pass@host:port/db set, also creates a scratch database on
that server (dropped after), loads the universe into it as daily bars of region BENCH (not timed)
and times the factor job on both scenarios end to end, including writing the scores to
factor_scores. With DATABASE_URL set, that database is used instead and kept (a scratch database
of your own: the BENCH bars are loaded once and reused by later runs).
Targets on a 2-core machine: month-ends < 10 s, daily year < 20 s.

  --tickers N  instruments (default 3000)
  --days N     weekdays of history (default 2520, about 10 years; at least 253)
  --seed N     PRNG seed (default 42)
  --repeat N   runs per scenario; the first (fresh) and the best rerun are reported (default 3)
  --part P     all (default), compute (no database) or job (the server part only)
  --json       print one JSON document with the figures
  --help       show this help`;

interface Scenario {
  readonly name: string;
  readonly dates: number;
  readonly rows: number;
  readonly firstSeconds: { readonly factors: number; readonly scoring: number };
  readonly bestSeconds: { readonly factors: number; readonly scoring: number };
}

/** All price factors at `at`, then their factor_scores rows; seconds for each half. */
function runScenario(base: Panel, at: readonly number[]): { factors: number; scoring: number; rows: number } {
  const closes: Panel = { ...base }; // a new panel object: no cached own-bar history
  const started = performance.now();
  const raw = PRICE_FACTORS.map((factor) => factor.compute({ closes }, at));
  const computed = performance.now();
  const instruments = closes.tickers.map((ticker) => ({ ticker, region: "US" }));
  let rows = 0;
  PRICE_FACTORS.forEach((factor, i) => {
    rows += scoreRows(factor.name, scoreFactor(raw[i], factor.direction), instruments).length;
  });
  const scored = performance.now();
  return { factors: (computed - started) / 1000, scoring: (scored - computed) / 1000, rows };
}

function measure(name: string, closes: Panel, at: readonly number[], repeat: number): Scenario {
  const runs = Array.from({ length: repeat }, () => runScenario(closes, at));
  return {
    name,
    dates: at.length,
    rows: runs[0].rows,
    firstSeconds: { factors: runs[0].factors, scoring: runs[0].scoring },
    bestSeconds: {
      factors: Math.min(...runs.map((r) => r.factors)),
      scoring: Math.min(...runs.map((r) => r.scoring)),
    },
  };
}

const BENCH_REGION = "BENCH";

/** Load the universe unless the same bars (count and sum of closes) are already there; seconds spent. */
async function loadUniverse(database: Database, closes: Panel): Promise<{ bars: number; seconds: number; reused: boolean }> {
  let bars = 0;
  let sum = 0;
  for (const close of closes.values) {
    if (close === close) {
      bars++;
      sum += close;
    }
  }
  const [stored] = await database.query<{ n: number; sum: number | null }>(
    "SELECT count(*)::int AS n, sum(close) AS sum FROM ohlcv_data WHERE region = $1 AND timeframe = '1d'",
    [BENCH_REGION],
  );
  if (stored.n === bars && Math.abs((stored.sum ?? 0) - sum) <= 1e-9 * sum) return { bars, seconds: 0, reused: true };
  const started = performance.now();
  await database.query("DELETE FROM ohlcv_data WHERE region = $1", [BENCH_REGION]);
  let loaded = 0;
  await database.copyRows(ohlcvData, closeBars(closes, BENCH_REGION, "bench"), {
    onBatch: (batch) => {
      loaded += batch.batchRows;
      process.stderr.write(`\rloading bars: ${loaded} / ${bars}`);
    },
  });
  await database.query("ANALYZE ohlcv_data");
  process.stderr.write("\n");
  return { bars, seconds: (performance.now() - started) / 1000, reused: false };
}

interface JobScenario {
  readonly name: string;
  readonly dates: number;
  readonly rows: number;
  /** The first run (nothing stored for the range) and the best rerun (replacing): wall time and the job's own split. */
  readonly fresh: JobTiming;
  readonly bestRerun: JobTiming | null;
}

interface JobTiming {
  readonly wall: number;
  readonly load: number;
  readonly compute: number;
  readonly write: number;
}

async function measureJob(database: Database, name: string, request: FactorJobRequest, repeat: number): Promise<JobScenario> {
  await database.query("DELETE FROM factor_scores WHERE region = $1", [BENCH_REGION]);
  await database.query("VACUUM ANALYZE factor_scores");
  const runs: { wall: number; result: Awaited<ReturnType<typeof runFactorJob>> }[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    const result = await runFactorJob(database, request);
    runs.push({ wall: (performance.now() - started) / 1000, result });
    const { load, compute, write } = result.seconds;
    process.stderr.write(
      `${name}: run ${i + 1}/${repeat} ${runs[i].wall.toFixed(2)} s (load ${load.toFixed(2)}, compute ${compute.toFixed(2)}, write ${write.toFixed(2)}; load average ${loadavg()[0].toFixed(1)})\n`,
    );
  }
  const timing = ({ wall, result }: (typeof runs)[number]): JobTiming => ({ wall, load: result.seconds.load, compute: result.seconds.compute, write: result.seconds.write });
  const reruns = runs.slice(1);
  return {
    name,
    dates: runs[0].result.regions[0].dates,
    rows: runs[0].result.rows,
    fresh: timing(runs[0]),
    bestRerun: reruns.length === 0 ? null : timing(reruns.reduce((a, b) => (b.wall < a.wall ? b : a))),
  };
}

/** Part 2: both scenarios through the factor job, at DATABASE_URL or in a scratch database on TEST_DATABASE_URL's server. */
async function measureJobs(closes: Panel, repeat: number) {
  const kept = process.env.DATABASE_URL;
  const scratch = kept ? { options: { url: kept }, drop: async () => {} } : await freshTargets(["postgres"], "bench_factors", process.env.TEST_DATABASE_URL)[0].fresh();
  const database = await openDatabase(scratch.options);
  try {
    const load = await loadUniverse(database, closes);
    const factors = PRICE_FACTORS.map((f) => f.name);
    const last = closes.dates.at(-1)!;
    const scenarios = [
      await measureJob(database, "month-ends", { from: closes.dates[0], to: last, factors, region: BENCH_REGION, monthEnds: true }, repeat),
      await measureJob(database, "daily, last 252 days", { from: closes.dates[closes.dates.length - 252], to: last, factors, region: BENCH_REGION }, repeat),
    ];
    const { engine, serverVersion, timescaledb } = database.capabilities;
    return { target: database.target, engine, serverVersion, timescaledb, load, loadAverage: loadavg()[0], scenarios };
  } finally {
    await database.close();
    await scratch.drop();
  }
}

runCli(async () => {
  const values = parseCli(
    {
      tickers: { type: "string" },
      days: { type: "string" },
      seed: { type: "string" },
      repeat: { type: "string" },
      part: { type: "string" },
      json: { type: "boolean" },
    },
    HELP,
  );
  if (!values) return;
  const nTickers = integerOption(values.tickers, "--tickers", 1) ?? 3000;
  const nDates = integerOption(values.days, "--days", 253) ?? 2520;
  const seed = integerOption(values.seed, "--seed", 0) ?? 42;
  const repeat = integerOption(values.repeat, "--repeat", 1) ?? 3;
  const part = values.part ?? "all";
  if (!["all", "compute", "job"].includes(part)) throw new InputError(`--part must be all, compute or job, got "${part}"`);
  const serverUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (part === "job" && !serverUrl) throw new InputError("--part job needs a server: set DATABASE_URL (or TEST_DATABASE_URL) to postgres://user:password@host:port/db");

  const loadAverageAtStart = loadavg()[0];
  const generating = performance.now();
  const closes = randomClosePanel(numberedTickers(nTickers, "S", 5), weekdaysFrom("2015-01-01", nDates), seed);
  const generateSeconds = (performance.now() - generating) / 1000;
  process.stderr.write(`generated ${nTickers} × ${nDates} closes in ${generateSeconds.toFixed(2)} s\n`);

  const lastYear = Array.from({ length: 252 }, (_, i) => nDates - 252 + i);
  const scenarios =
    part === "job"
      ? []
      : [measure("month-ends", closes, monthEndRows(closes.dates), repeat), measure("daily, last 252 days", closes, lastYear, repeat)];

  const database = part !== "compute" && serverUrl ? await measureJobs(closes, repeat) : null;

  if (values.json) {
    console.log(
      JSON.stringify({ tickers: nTickers, days: nDates, seed, repeat, factors: PRICE_FACTORS.map((f) => f.name), loadAverageAtStart, scenarios, database }),
    );
    return;
  }
  console.log(`${nTickers} tickers × ${nDates} days, ${PRICE_FACTORS.length} price factors, seed ${seed}, ${repeat} runs; 1-minute load average ${loadAverageAtStart.toFixed(1)} at start`);
  if (scenarios.length > 0) {
    console.log("computation only:");
    console.log("scenario              dates  rows        factors s (first/best)  scoring s (first/best)");
  }
  for (const s of scenarios) {
    console.log(
      `${s.name.padEnd(21)} ${String(s.dates).padStart(5)}  ${String(s.rows).padEnd(10)}  ` +
        `${s.firstSeconds.factors.toFixed(3)} / ${s.bestSeconds.factors.toFixed(3)}`.padEnd(24) +
        `${s.firstSeconds.scoring.toFixed(3)} / ${s.bestSeconds.scoring.toFixed(3)}`,
    );
  }
  if (database === null) {
    console.log("factor job against a server: skipped (set DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server)");
    return;
  }
  const { load } = database;
  console.log(
    `factor job against ${database.target} (PostgreSQL ${database.serverVersion}, ${database.timescaledb ? `TimescaleDB ${database.timescaledb}` : "no TimescaleDB"}); ` +
      `${load.bars} bars ${load.reused ? "already loaded" : `loaded in ${load.seconds.toFixed(1)} s (not timed)`}; load average ${database.loadAverage.toFixed(1)} at the end:`,
  );
  const cell = (t: JobTiming | null) =>
    t === null ? "-".padEnd(34) : `${t.wall.toFixed(2)} (${t.load.toFixed(2)} / ${t.compute.toFixed(2)} / ${t.write.toFixed(2)})`.padEnd(34);
  console.log("scenario              dates  rows        fresh s (load / compute / write)  best rerun s (load / compute / write)");
  for (const s of database.scenarios) {
    console.log(`${s.name.padEnd(21)} ${String(s.dates).padStart(5)}  ${String(s.rows).padEnd(10)}  ${cell(s.fresh)}${cell(s.bestRerun)}`);
  }
});

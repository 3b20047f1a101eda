/**
 * Backtest benchmark (issue 10), two parts, each printed beside a baseline measured in the same
 * process, as a ratio (throughput / baseline throughput).
 *
 * 1. Kernel: `simulate` on an in-memory market (perf/lib/synthetic-market.ts; default 500
 *    instruments × 2,520 days) with a plan deciding every day, whole shares, slippage 5 bps,
 *    commission 1 bp (minimum 1), fills at the next open. Figures: instrument-days per second and
 *    fills per second (target ≥ 5 million instrument-days/s). Baseline: a plain typed-array loop over
 *    the same grid computing the plan's daily portfolio returns with no orders or costs (the floor).
 *    One warm-up run of each, then the median of `--runs`.
 * 2. End to end: runBacktest() of a month-end factor-top (top `--n` by a stored factor) over a seeded
 *    universe (default 3,000 instruments × 2,520 weekdays) with `save: true`, the same costs, on a
 *    fresh scratch database (perf/lib/backtest-universe.ts seeds it first, not timed). Target < 10 s on
 *    the server. Baseline: a plain SELECT of the bar rows the run reads (ticker, date, open, close,
 *    volume of the region over the range), in bars per second, alternated with the runs; median of
 *    `--runs`. Phases come from one more pass calling the run's steps one by one (universe, bars,
 *    scores, strategy, simulate), plus the save transaction timed inside the runs; what is left of the
 *    median run (metrics, report) is given by difference.
 * Engines: the server at DATABASE_URL (else TEST_DATABASE_URL) by default; `--engine pglite` runs part 2
 * in a temporary PGlite directory with a smaller default universe.
 */
import { integerOption, oneOf, parseCli, runCli } from "../scripts/lib/cli.ts";
import { simulate } from "../src/backtest/kernel/simulate.ts";
import { loadMarket } from "../src/backtest/market/load-market.ts";
import { loadScores } from "../src/backtest/market/load-scores.ts";
import { resolveUniverse } from "../src/backtest/market/universe.ts";
import { runBacktest, type BacktestRequest } from "../src/backtest/run-backtest.ts";
import { decisionRows, parseSchedule } from "../src/backtest/schedule.ts";
import { resolveParameters, strategyKind } from "../src/backtest/strategies/index.ts";
import type { SimulationOptions } from "../src/backtest/types.ts";
import { openDatabase, type Database } from "../src/db/index.ts";
import { InputError } from "../src/errors.ts";
import { seedUniverse } from "./lib/backtest-universe.ts";
import { freshTargets } from "./lib/fresh-targets.ts";
import { dailyPlan, planReturnsFloor, syntheticMarket, type PlanKind } from "./lib/synthetic-market.ts";
import { median, progress, seconds } from "./lib/timing.ts";

const HELP = `Usage: npm run bench:backtest [-- OPTIONS]

Part 1 times the backtest kernel (simulate) on an in-memory market rebalanced every day with
costs, beside a plain loop computing the same portfolio's returns. Part 2 times a month-end
factor-top runBacktest() with save: true on a fresh scratch database (seeded first, not timed),
beside a plain SELECT of the bars it reads. Progress goes to stderr, figures to stdout.

  --part P          kernel, e2e or all (default all)
  --runs N          timed runs per figure, after a warm-up for the kernel; the median is reported (default 5, kernel; 3, e2e)
  --seed N          PRNG seed (default 42)
Kernel:
  --instruments N   instruments (default 500)
  --days N          days (default 2520)
  --plan P          equal (1/n every day; drift alone moves share counts) or random (seeded weights
                    every day, so every position trades every day); default equal
End to end:
  --engine E        postgres (DATABASE_URL, else TEST_DATABASE_URL: a scratch database is created
                    there and dropped after) or pglite (a temporary directory); default postgres
  --tickers N       instruments (default 3000 on postgres, 500 on pglite)
  --e2e-days N      weekdays of bars from 2015-01-01 (default 2520)
  --n N             factor-top holds the top N names (default 100)
  --json            print one JSON document with the figures
  --help            show this help`;

const COSTS = { slippageBps: 5, commissionBps: 1, commissionPerShare: 0, commissionMin: 1 } as const;
const CASH = 1_000_000;
const SIMULATION: SimulationOptions = {
  initialCash: CASH, fill: "next-open", fractional: false, allowShort: false, allowLeverage: false, borrowFeeBps: 0, driftBand: 0, costs: COSTS,
};
const REGION = "BENCH";
const FACTOR = "bench_score";


interface KernelFigures {
  readonly instruments: number;
  readonly days: number;
  readonly plan: PlanKind;
  readonly fills: number;
  readonly kernelSeconds: number;
  readonly instrumentDaysPerSecond: number;
  readonly fillsPerSecond: number;
  readonly floorSeconds: number;
  readonly floorInstrumentDaysPerSecond: number;
  readonly ratio: number;
}

/** Time `work`, repeated until at least 50 ms have passed (the floor is a few ms); seconds per call. */
function perCall(work: () => unknown): number {
  let calls = 0;
  const started = performance.now();
  do {
    work();
    calls++;
  } while (performance.now() - started < 50);
  return seconds(started) / calls;
}

function measureKernel(instruments: number, days: number, plan: PlanKind, runs: number, seed: number): KernelFigures {
  let started = performance.now();
  const market = syntheticMarket(instruments, days, seed);
  const targets = dailyPlan(market, plan, seed);
  progress(`kernel: ${instruments} × ${days} market and ${plan} plan generated in ${seconds(started).toFixed(2)} s`);
  const fills = simulate(market, targets, SIMULATION).trades.count; // warm-up
  planReturnsFloor(market, targets);
  const kernel: number[] = [];
  const floor: number[] = [];
  for (let run = 0; run < runs; run++) {
    started = performance.now();
    simulate(market, targets, SIMULATION);
    kernel.push(seconds(started));
    floor.push(perCall(() => planReturnsFloor(market, targets)));
    progress(`kernel: run ${run + 1}/${runs} simulate ${kernel[run].toFixed(3)} s, floor ${(floor[run] * 1000).toFixed(2)} ms`);
  }
  const cells = instruments * days;
  const kernelSeconds = median(kernel);
  const floorSeconds = median(floor);
  return {
    instruments, days, plan, fills, kernelSeconds,
    instrumentDaysPerSecond: cells / kernelSeconds,
    fillsPerSecond: fills / kernelSeconds,
    floorSeconds,
    floorInstrumentDaysPerSecond: cells / floorSeconds,
    ratio: floorSeconds / kernelSeconds,
  };
}

/** `database` with every transaction's wall time added to `spent.seconds` (the run's only one is the save). */
function timingTransactions(database: Database, spent: { seconds: number }): Database {
  return new Proxy(database, {
    get(target, property) {
      if (property === "transaction") {
        return async (work: Parameters<Database["transaction"]>[0]) => {
          const started = performance.now();
          try {
            return await target.transaction(work);
          } finally {
            spent.seconds += seconds(started);
          }
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The run's steps called one by one on the same request: seconds per step. */
async function phases(database: Database, request: BacktestRequest): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let started = performance.now();
  const instruments = await resolveUniverse(database, request, request.from, request.to);
  out.universe = seconds(started);
  started = performance.now();
  const { market, nextDate } = await loadMarket(database, instruments, { from: request.from, to: request.to, warmUp: 0, priceBasis: "raw" });
  out.bars = seconds(started);
  started = performance.now();
  const scores = await loadScores(database, market, { [FACTOR]: 1 });
  out.scores = seconds(started);
  started = performance.now();
  const kind = strategyKind("factor-top");
  const rows = decisionRows(market.dates, market.startRow, parseSchedule("month-end"), nextDate);
  const plan = kind.targets({ market, decisionRows: rows, scores }, resolveParameters(kind, request.params ?? {}));
  out.strategy = seconds(started);
  started = performance.now();
  simulate(market, plan, SIMULATION);
  out.simulate = seconds(started);
  return out;
}

interface EndToEndFigures {
  readonly engine: string;
  readonly target: string;
  readonly tickers: number;
  readonly days: number;
  readonly seeding: { readonly bars: number; readonly barSeconds: number; readonly scores: number; readonly scoreSeconds: number };
  readonly barsRead: number;
  readonly trades: number;
  readonly firstSeconds: number;
  readonly medianSeconds: number;
  readonly selectSeconds: number;
  readonly barsPerSecond: number;
  readonly selectBarsPerSecond: number;
  readonly ratio: number;
  /** Seconds: steps from the phase pass, `save` inside the runs (median), `rest` by difference. */
  readonly phases: Record<string, number>;
}

async function measureEndToEnd(engine: "postgres" | "pglite", tickers: number, days: number, n: number, runs: number, seed: number): Promise<EndToEndFigures | null> {
  const serverUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  const [target] = freshTargets([engine], "t_backtest_bench", serverUrl);
  if (target === undefined) return null;
  const fresh = await target.fresh();
  const database = await openDatabase(fresh.options);
  try {
    progress(`e2e: ${tickers} × ${days} bars into a fresh database at ${database.target}`);
    const seeded = await seedUniverse(database, { tickers, days, seed, region: REGION, factor: FACTOR }, progress);
    const from = seeded.dates[0];
    const to = seeded.dates[seeded.dates.length - 1];
    const request: BacktestRequest = { strategy: "factor-top", params: { factor: FACTOR, n }, region: REGION, from, to, rebalance: "month-end", save: true, ...COSTS };
    const select = () =>
      database.query<{ ticker: string; date: string; open: number; close: number; volume: number }>(
        "SELECT ticker, date, open, close, volume FROM ohlcv_data WHERE timeframe = '1d' AND region = $1 AND date BETWEEN $2::date AND $3::date",
        [REGION, from, to],
      );
    const wall: number[] = [];
    const selectWall: number[] = [];
    const save: number[] = [];
    let barsRead = 0;
    let trades = 0;
    for (let run = 0; run < runs; run++) {
      let started = performance.now();
      const bars = (await select()).length;
      selectWall.push(seconds(started));
      const spent = { seconds: 0 };
      started = performance.now();
      const { report } = await runBacktest({ ...request, database: timingTransactions(database, spent) });
      wall.push(seconds(started));
      save.push(spent.seconds);
      barsRead = report.data.rows;
      trades = report.trades.length;
      if (bars !== barsRead) throw new Error(`the baseline SELECT read ${bars} bars, the run ${barsRead}`);
      progress(`e2e: run ${run + 1}/${runs} runBacktest ${wall[run].toFixed(2)} s (save ${save[run].toFixed(2)} s), SELECT ${selectWall[run].toFixed(2)} s`);
    }
    const steps = await phases(database, request);
    const medianSeconds = median(wall);
    const selectSeconds = median(selectWall);
    const saveSeconds = median(save);
    const stepsTotal = Object.values(steps).reduce((a, b) => a + b, 0);
    return {
      engine,
      target: database.target,
      tickers, days,
      seeding: { bars: seeded.bars, barSeconds: seeded.barSeconds, scores: seeded.scores, scoreSeconds: seeded.scoreSeconds },
      barsRead, trades,
      firstSeconds: wall[0],
      medianSeconds,
      selectSeconds,
      barsPerSecond: barsRead / medianSeconds,
      selectBarsPerSecond: barsRead / selectSeconds,
      ratio: selectSeconds / medianSeconds,
      phases: { ...steps, save: saveSeconds, rest: Math.max(0, medianSeconds - stepsTotal - saveSeconds) },
    };
  } finally {
    await database.close();
    await fresh.drop();
  }
}

const millions = (x: number) => `${(x / 1e6).toFixed(2)} M`;

function printKernel(k: KernelFigures): void {
  console.log(`kernel: ${k.instruments} instruments × ${k.days} days, ${k.plan} weights decided daily, ${k.fills.toLocaleString("en-US")} fills`);
  console.log(
    `  simulate    ${millions(k.instrumentDaysPerSecond)} instrument-days/s, ${millions(k.fillsPerSecond)} fills/s (${k.kernelSeconds.toFixed(3)} s; target ≥ 5 M/s: ${k.instrumentDaysPerSecond >= 5e6 ? "met" : "MISSED"})`,
  );
  console.log(`  raw floor   ${millions(k.floorInstrumentDaysPerSecond)} instrument-days/s (${(k.floorSeconds * 1000).toFixed(2)} ms)`);
  console.log(`  ratio       ${k.ratio.toFixed(3)}`);
}

function printEndToEnd(e: EndToEndFigures): void {
  console.log(`end to end: month-end factor-top on ${e.target} (${e.engine}), ${e.tickers} instruments × ${e.days} days, save: true`);
  console.log(`  seeding (not timed): ${e.seeding.bars.toLocaleString("en-US")} bars in ${e.seeding.barSeconds.toFixed(1)} s, ${e.seeding.scores.toLocaleString("en-US")} scores in ${e.seeding.scoreSeconds.toFixed(1)} s`);
  console.log(
    `  runBacktest ${e.medianSeconds.toFixed(2)} s median (first ${e.firstSeconds.toFixed(2)} s), ${Math.round(e.barsPerSecond).toLocaleString("en-US")} bars/s, ${e.trades.toLocaleString("en-US")} trades (target < 10 s: ${e.medianSeconds < 10 ? "met" : "MISSED"})`,
  );
  console.log(`  plain SELECT ${e.selectSeconds.toFixed(2)} s, ${Math.round(e.selectBarsPerSecond).toLocaleString("en-US")} bars/s`);
  console.log(`  ratio       ${e.ratio.toFixed(2)}`);
  console.log(`  phases (s): ${Object.entries(e.phases).map(([name, s]) => `${name} ${s.toFixed(2)}`).join(", ")}`);
}

runCli(async () => {
  const values = parseCli(
    {
      part: { type: "string", default: "all" },
      runs: { type: "string" },
      seed: { type: "string" },
      instruments: { type: "string" },
      days: { type: "string" },
      plan: { type: "string", default: "equal" },
      engine: { type: "string", default: "postgres" },
      tickers: { type: "string" },
      "e2e-days": { type: "string" },
      n: { type: "string" },
      json: { type: "boolean" },
    },
    HELP,
  );
  if (!values) return;
  const part = oneOf(values.part, ["kernel", "e2e", "all"], "--part");
  const plan = oneOf(values.plan, ["equal", "random"], "--plan");
  const engine = oneOf(values.engine, ["postgres", "pglite"], "--engine");
  const seed = integerOption(values.seed, "--seed", 0) ?? 42;
  const runs = integerOption(values.runs, "--runs", 1);
  const instruments = integerOption(values.instruments, "--instruments", 1) ?? 500;
  const days = integerOption(values.days, "--days", 2) ?? 2520;
  const tickers = integerOption(values.tickers, "--tickers", 1) ?? (engine === "pglite" ? 500 : 3000);
  const e2eDays = integerOption(values["e2e-days"], "--e2e-days", 2) ?? 2520;
  const n = integerOption(values.n, "--n", 1) ?? 100;
  if (part !== "kernel" && engine === "postgres" && !(process.env.DATABASE_URL || process.env.TEST_DATABASE_URL)) {
    throw new InputError("the end-to-end part needs a server: set DATABASE_URL (or TEST_DATABASE_URL) to postgres://user:password@host:port/db, or use --engine pglite or --part kernel");
  }

  const kernel = part === "e2e" ? null : measureKernel(instruments, days, plan, runs ?? 5, seed);
  const endToEnd = part === "kernel" ? null : await measureEndToEnd(engine, tickers, e2eDays, n, runs ?? 3, seed);
  if (values.json) {
    console.log(JSON.stringify({ kernel, endToEnd }));
    return;
  }
  if (kernel) printKernel(kernel);
  if (endToEnd) printEndToEnd(endToEnd);
});

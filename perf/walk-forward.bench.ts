/**
 * Walk-forward sweep benchmark (issue 11): evaluations per minute of an sma-cross grid over an
 * in-memory market (perf/lib/synthetic-market.ts; default 500 instruments × 504 simulated days, two
 * years, plus the warm-up the longest period needs), with one worker (the in-process executor, the
 * baseline) and with `--workers` threads (the thread-pool executor), and the speed-up between them.
 *
 * One evaluation = one trial's backtest on one window; a task (fold, trial) is two of them, its
 * train window and its test window, and both are counted. Default grid: period 10 values × percent 4
 * values = 40 trials; folds: rolling, train 189, test 63 → 5 folds, 200 tasks, 400 evaluations.
 * Costs: slippage 5 bps, commission 1 bp, whole shares, fills at the next open (the backtest defaults
 * otherwise).
 *
 * Timing: each executor first runs one warm-up task (threads started, modules loaded and compiled;
 * the pool's start-up is reported apart), then `--runs` timed sweeps of every task, alternating the
 * two executors; the median is reported, and the fastest run of each (on a shared machine, the one
 * least disturbed by other work), with the process CPU time (all threads) of that run: a
 * pool whose CPU time is near the baseline's wastes little, so a speed-up short of 2× on a shared
 * machine is contention, not overhead. The two executors' results are checked equal (after sorting).
 * Targets: speed-up ≥ 1.7× with 2 workers; ≥ 2,000 evaluations per minute with 2 workers.
 */
import { isDeepStrictEqual } from "node:util";
import { integerOption, parseCli, runCli } from "../scripts/lib/cli.ts";
import { strategyKind } from "../src/backtest/strategies/index.ts";
import { inProcessExecutor } from "../src/walk-forward/executors/in-process.ts";
import { threadPoolExecutor } from "../src/walk-forward/executors/thread-pool.ts";
import type { SweepExecutor } from "../src/walk-forward/executors/types.ts";
import { gridCombinations, parseGrid } from "../src/walk-forward/grid.ts";
import { walkForwardSplits } from "../src/walk-forward/splits.ts";
import type { SweepData, SweepPlan, SweepTask, TaskResult } from "../src/walk-forward/sweep.ts";
import { syntheticMarket } from "./lib/synthetic-market.ts";
import { median, progress, seconds } from "./lib/timing.ts";

const HELP = `Usage: npm run bench:walk-forward [-- OPTIONS]

Times a walk-forward sweep of sma-cross over an in-memory market with one worker (the in-process
executor) and with N worker threads (the thread-pool executor), in evaluations per minute (one
evaluation = one trial's backtest on one train or test window; both windows are counted).
Progress goes to stderr, figures to stdout.

  --instruments N   instruments (default 500)
  --days N          simulated days (default 504, two years)
  --grid "k=v,…"    sma-cross parameter grid, repeatable (default period=10,15,20,25,30,40,50,60,80,100
                    and percent=0.1,0.2,0.5,1: 40 trials)
  --train N         train window in days (default 189)
  --test N          test window in days (default 63)
  --workers N       threads for the pool (default 2)
  --runs N          timed sweeps per executor; the median is reported (default 2)
  --seed N          PRNG seed (default 42)
  --json            print one JSON document with the figures
  --help            show this help`;

const DEFAULT_GRID = ["period=10,15,20,25,30,40,50,60,80,100", "percent=0.1,0.2,0.5,1"];
const COSTS = { slippageBps: 5, commissionBps: 1 } as const;

const byTask = (results: TaskResult[]) => [...results].sort((a, b) => a.fold - b.fold || a.trial - b.trial);

interface Sweep {
  readonly plan: SweepPlan;
  readonly data: SweepData;
  readonly tasks: SweepTask[];
}

function buildSweep(instruments: number, days: number, grid: readonly string[], train: number, test: number, seed: number): Sweep {
  const trials = gridCombinations(strategyKind("sma-cross"), parseGrid(grid));
  const warmUp = Math.max(...trials.map((params) => params.period as number));
  const market = { ...syntheticMarket(instruments, warmUp + days, seed), startRow: warmUp };
  const folds = walkForwardSplits(market.dates.slice(warmUp), { train, test }).map((split) => ({
    ...split,
    trainRows: [split.trainRows[0] + warmUp, split.trainRows[1] + warmUp] as const,
    testRows: [split.testRows[0] + warmUp, split.testRows[1] + warmUp] as const,
  }));
  const plan: SweepPlan = {
    request: { strategy: "sma-cross", tickers: market.labels.map((label) => `${label}.US`), from: market.dates[warmUp], to: market.dates[market.dates.length - 1], ...COSTS },
    warmUp,
    trials,
    folds,
  };
  const listings = market.labels.map(() => ({ delistingDate: null, lastBarDate: null }));
  const data: SweepData = { market, nextDate: null, listings, scores: {}, rowsRead: market.dates.length * instruments };
  const tasks = folds.flatMap((_, fold) => trials.map((_, trial) => ({ fold, trial })));
  return { plan, data, tasks };
}

interface ExecutorFigures {
  readonly workers: number;
  readonly seconds: number;
  readonly runs: readonly number[];
  readonly evaluationsPerMinute: number;
  /** Fastest run: on a shared machine the one least disturbed by other work. */
  readonly bestSeconds: number;
  readonly bestEvaluationsPerMinute: number;
  /** Process CPU time (every thread) of the median run: how much work the sweep took, whatever the contention. */
  readonly cpuSeconds: number;
}

interface Figures {
  readonly instruments: number;
  readonly days: number;
  readonly warmUp: number;
  readonly trials: number;
  readonly folds: number;
  readonly tasks: number;
  readonly evaluations: number;
  readonly poolStartSeconds: number;
  readonly baseline: ExecutorFigures;
  readonly pool: ExecutorFigures;
  /** Median baseline ÷ median pool; and fastest ÷ fastest. */
  readonly speedUp: number;
  readonly bestSpeedUp: number;
}

async function measure(sweep: Sweep, workers: number, runs: number): Promise<Omit<Figures, "instruments" | "days">> {
  const { plan, data, tasks } = sweep;
  const evaluations = 2 * tasks.length;
  let started = performance.now();
  const pool = threadPoolExecutor({ workers });
  try {
    // Warm-up: one task per thread, so every thread has loaded and compiled the modules.
    await pool.run(plan, data, tasks.slice(0, workers));
    const poolStartSeconds = seconds(started);
    progress(`pool: ${workers} threads started and warmed up in ${poolStartSeconds.toFixed(2)} s`);
    await inProcessExecutor.run(plan, data, tasks.slice(0, 1));
    const timed: Record<"baseline" | "pool", number[]> = { baseline: [], pool: [] };
    const cpu: Record<"baseline" | "pool", number[]> = { baseline: [], pool: [] };
    let reference: TaskResult[] | undefined;
    for (let run = 0; run < runs; run++) {
      for (const [name, executor] of [["baseline", inProcessExecutor], ["pool", pool]] as [keyof typeof timed, SweepExecutor][]) {
        let done = 0;
        started = performance.now();
        const cpuBefore = process.cpuUsage();
        const results = byTask(await executor.run(plan, data, tasks, () => {
          if (++done % 50 === 0) progress(`${name}: run ${run + 1}/${runs}, ${done}/${tasks.length} tasks, ${seconds(started).toFixed(1)} s`);
        }));
        timed[name].push(seconds(started));
        const cpuUsed = process.cpuUsage(cpuBefore);
        cpu[name].push((cpuUsed.user + cpuUsed.system) / 1e6);
        progress(
          `${name}: run ${run + 1}/${runs} ${timed[name][run].toFixed(2)} s (CPU ${cpu[name][run].toFixed(2)} s), ${Math.round((evaluations / timed[name][run]) * 60).toLocaleString("en-US")} evaluations/min`,
        );
        reference ??= results;
        if (!isDeepStrictEqual(results, reference)) throw new Error(`${name} run ${run + 1}: results differ from the first run's`);
      }
    }
    const figures = (workerCount: number, name: keyof typeof timed): ExecutorFigures => {
      const values = timed[name];
      const middle = values.indexOf([...values].sort((a, b) => a - b)[(values.length - 1) >> 1]);
      return {
        workers: workerCount, seconds: median(values), runs: values, evaluationsPerMinute: (evaluations / median(values)) * 60,
        bestSeconds: Math.min(...values), bestEvaluationsPerMinute: (evaluations / Math.min(...values)) * 60, cpuSeconds: cpu[name][middle],
      };
    };
    const baseline = figures(1, "baseline");
    const threaded = figures(workers, "pool");
    return {
      warmUp: plan.warmUp, trials: plan.trials.length, folds: plan.folds.length, tasks: tasks.length, evaluations, poolStartSeconds,
      baseline, pool: threaded, speedUp: baseline.seconds / threaded.seconds, bestSpeedUp: baseline.bestSeconds / threaded.bestSeconds,
    };
  } finally {
    await pool.close();
  }
}

const perMinute = (x: number) => Math.round(x).toLocaleString("en-US");

function print(f: Figures): void {
  console.log(`walk-forward: sma-cross, ${f.instruments} instruments × ${f.days} days (+${f.warmUp} warm-up), ${f.trials} trials × ${f.folds} folds = ${f.tasks} tasks`);
  console.log(`  one evaluation = one trial's backtest on one window; train and test windows each count: ${f.evaluations} evaluations per sweep`);
  console.log(`  1 worker (in-process)   ${perMinute(f.baseline.evaluationsPerMinute)} evaluations/min (${f.baseline.seconds.toFixed(2)} s, CPU ${f.baseline.cpuSeconds.toFixed(2)} s)`);
  console.log(
    `  ${f.pool.workers} workers (threads)    ${perMinute(f.pool.evaluationsPerMinute)} evaluations/min (${f.pool.seconds.toFixed(2)} s, CPU ${f.pool.cpuSeconds.toFixed(2)} s; target ≥ 2,000/min with 2 workers: ${f.pool.evaluationsPerMinute >= 2000 ? "met" : "MISSED"})`,
  );
  console.log(`  speed-up                ${f.speedUp.toFixed(2)}× (target ≥ 1.7× with 2 workers: ${f.speedUp >= 1.7 ? "met" : "MISSED"})`);
  console.log(
    `  fastest runs            ${perMinute(f.baseline.bestEvaluationsPerMinute)} and ${perMinute(f.pool.bestEvaluationsPerMinute)} evaluations/min, speed-up ${f.bestSpeedUp.toFixed(2)}× (the runs least disturbed by other work)`,
  );
  console.log(`  pool start-up (not in the figures): ${f.poolStartSeconds.toFixed(2)} s`);
}

runCli(async () => {
  const values = parseCli(
    {
      instruments: { type: "string" },
      days: { type: "string" },
      grid: { type: "string", multiple: true },
      train: { type: "string" },
      test: { type: "string" },
      workers: { type: "string" },
      runs: { type: "string" },
      seed: { type: "string" },
      json: { type: "boolean" },
    },
    HELP,
  );
  if (!values) return;
  const instruments = integerOption(values.instruments, "--instruments", 1) ?? 500;
  const days = integerOption(values.days, "--days", 2) ?? 504;
  const train = integerOption(values.train, "--train", 1) ?? 189;
  const test = integerOption(values.test, "--test", 1) ?? 63;
  const workers = integerOption(values.workers, "--workers", 1) ?? 2;
  const runs = integerOption(values.runs, "--runs", 1) ?? 2;
  const seed = integerOption(values.seed, "--seed", 0) ?? 42;
  const grid = values.grid ?? DEFAULT_GRID;

  let started = performance.now();
  const sweep = buildSweep(instruments, days, grid, train, test, seed);
  progress(`market ${instruments} × ${days} days, ${sweep.plan.trials.length} trials × ${sweep.plan.folds.length} folds built in ${seconds(started).toFixed(2)} s`);
  started = performance.now();
  const figures: Figures = { instruments, days, ...(await measure(sweep, workers, runs)) };
  progress(`done in ${seconds(started).toFixed(1)} s`);
  if (values.json) console.log(JSON.stringify(figures));
  else print(figures);
});

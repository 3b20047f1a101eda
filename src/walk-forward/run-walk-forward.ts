/**
 * A walk-forward optimisation in one call, the one `scripts/walk-forward.ts` makes and a REPL user
 * types: check the request → resolve the universe over the whole range → load one grid → split its
 * trading days into folds → run every parameter set on every fold's train and test windows (here, on
 * worker threads or through a job queue: ./executors) → on each fold pick the set with the best
 * train-window objective and keep its test window → stitch, summarise, judge the search → with
 * `save` record it all in one transaction.
 *
 * Conventions:
 * - Windows, warm-up and costs: ./sweep.ts (each window is the backtest of scripts/backtest.ts over
 *   its dates, with the sweep's instrument list); defaults are runBacktest's.
 * - Choice: the highest objective on the train window; NaN never wins (a flat curve has no Sharpe);
 *   ties break by grid order (the lowest trial index); when every set's objective is NaN the first
 *   set is taken and the fold's note says so.
 * - Per fold, isReturn/oosReturn are total returns over the window; the walk-forward efficiency uses
 *   the annual returns (./summary.ts); overfittingRatio = OOS Sharpe ÷ IS Sharpe; buy-and-hold OOS is
 *   the total return of the buy-and-hold kind on the test window with the same cash, fills and costs.
 * - Stitched OOS run: each fold's chosen test equity chained from the initial cash (./summary.ts);
 *   Sharpe and annual return annualised with 252 days; tStat = per-period Sharpe × √days.
 * - Overfitting statistics over every trial: ./trial-statistics.ts.
 * Every value that cannot be computed is NaN (null in JSON). Bad input is an InputError before the
 * database is touched where it can be, and never leaves anything saved.
 */
import type { Database } from "../db/index.ts";
import { withDatabase } from "../db/with-database.ts";
import { InputError } from "../errors.ts";
import { resolveUniverse, type UniverseSpec } from "../backtest/market/universe.ts";
import { roundMoney } from "../backtest/build-report.ts";
import type { BacktestReport } from "../backtest/report.ts";
import { checkBacktestRequest, strategyName, warmUpDays, type BacktestRequest, type CheckedRequest } from "../backtest/run-backtest.ts";
import { curveMetrics } from "../backtest/run-metrics.ts";
import { strategyKind, type ParameterValue, type StrategyParameters } from "../backtest/strategies/index.ts";
import { codeVersion } from "../util/code-version.ts";
import { walkForwardRunsRepository } from "../repositories/walk-forward-runs.ts";
import { inProcessExecutor } from "./executors/in-process.ts";
import type { SweepExecutor } from "./executors/types.ts";
import { gridCombinations, parseGrid, randomDraws } from "./grid.ts";
import { checkSplitOptions, walkForwardSplits, type WalkForwardOptions } from "./splits.ts";
import { medianObjective, overfittingRatio, parameterStability, sharpeTStat, stitchEquity, walkForwardEfficiency, type ParameterStability } from "./summary.ts";
import {
  checkObjective,
  checkTrials,
  evaluateWindow,
  loadSweepData,
  objectiveValue,
  type Objective,
  type SweepData,
  type SweepPlan,
  type SweepRequest,
  type SweepTask,
  type TaskResult,
} from "./sweep.ts";
import { deflatedSharpeOfSearch, overfittingOfSearch, type DeflatedSharpeReport, type OverfittingReport } from "./trial-statistics.ts";

export interface WalkForwardRequest extends Omit<BacktestRequest, "strategy" | "benchmark" | "progress">, WalkForwardOptions {
  /** A built-in kind (workers look it up by name). */
  readonly strategy: string;
  /** `key=v1,v2,…` texts (repeatable --grid) or the parsed grid; at least one key. */
  readonly grid: readonly string[] | Readonly<Record<string, readonly string[]>>;
  /** Fixed parameters, not searched (`params`, as --param). */
  readonly params?: Readonly<Record<string, ParameterValue>>;
  /** Evaluate `random` sets drawn from the grid with `seed` (default 1) instead of all of it. */
  readonly random?: number;
  readonly seed?: number;
  /** sharpe (default), sortino, calmar or annual-return. */
  readonly objective?: string;
  /** S of the PBO's CSCV: an even number ≥ 2 (default 16). */
  readonly partitions?: number;
  /** Worker threads (default 1: this thread). */
  readonly workers?: number;
  /** Hand the tasks to worker processes (`scripts/worker.ts`) through the server's job queue. */
  readonly queue?: boolean;
  /** Told each step as it starts, and `done` of `total` tasks as they finish. */
  readonly progress?: (step: string, done?: number, total?: number) => void;
}

export interface WalkForwardFold {
  readonly fold: number;
  readonly trainStart: string;
  readonly trainEnd: string;
  readonly testStart: string;
  readonly testEnd: string;
  readonly params: StrategyParameters;
  /** The chosen set's index in grid order (among the evaluated sets). */
  readonly trial: number;
  readonly isObjective: number;
  readonly isMedianObjective: number;
  readonly isSharpe: number;
  readonly oosSharpe: number;
  readonly isReturn: number;
  readonly oosReturn: number;
  readonly isAnnualReturn: number;
  readonly oosAnnualReturn: number;
  readonly overfittingRatio: number;
  readonly oosBuyAndHoldReturn: number;
}

export interface WalkForwardReport {
  readonly runId?: number;
  readonly strategy: string;
  readonly objective: Objective;
  /** Parameter sets evaluated on every fold. */
  readonly trials: number;
  readonly folds: readonly WalkForwardFold[];
  readonly oos: {
    readonly from: string;
    readonly to: string;
    readonly totalReturn: number;
    readonly annualReturn: number;
    readonly sharpeRatio: number;
    readonly maxDrawdown: number;
    readonly tStat: number;
  };
  readonly walkForwardEfficiency: number;
  readonly parameterStability: ParameterStability;
  readonly deflatedSharpe: DeflatedSharpeReport;
  readonly pbo: OverfittingReport;
  /** The instruments, and things the user should know (statistics not computable, ties, …). */
  readonly instruments: number;
  readonly notes: readonly string[];
}

export interface WalkForwardRun {
  readonly report: WalkForwardReport;
  readonly plan: SweepPlan;
  /** Every (fold, trial) result, sorted by fold then trial. */
  readonly results: readonly TaskResult[];
}

interface CheckedWalkForward {
  readonly trials: StrategyParameters[];
  readonly checked: CheckedRequest[];
  readonly split: Required<WalkForwardOptions>;
  readonly objective: Objective;
  readonly partitions: number;
  readonly workers: number;
  readonly buyAndHold: CheckedRequest;
}

export async function runWalkForward(request: WalkForwardRequest): Promise<WalkForwardRun> {
  const checked = checkWalkForward(request);
  return withDatabase((database) => runChecked(database, request, checked), request.database);
}

export function checkWalkForward(request: WalkForwardRequest): CheckedWalkForward {
  const kind = strategyKind(request.strategy);
  const grid = Array.isArray(request.grid) ? parseGrid(request.grid as readonly string[]) : (request.grid as Readonly<Record<string, readonly string[]>> | undefined) ?? {};
  const keys = Object.keys(grid);
  if (keys.length === 0) throw new InputError(`--grid "key=v1,v2,…" is required: a walk-forward searches ${kind.kind}'s parameters (${kind.parameters.map((p) => p.name).join(", ") || "it has none"}); for one set run scripts/backtest.ts`);
  const empty = keys.find((key) => grid[key].length === 0);
  if (empty !== undefined) throw new InputError(`--grid ${empty} lists no value; give ${empty}=v1,v2,…`);
  const combinations = gridCombinations(kind, grid, request.params ?? {});
  const trials = request.random === undefined ? combinations : randomDraws(combinations, request.random, request.seed ?? 1);
  if (request.random === undefined && request.seed !== undefined) throw new InputError("--seed goes with --random N; drop --seed or add --random");
  const objective = checkObjective(request.objective ?? "sharpe");
  const partitions = request.partitions ?? 16;
  if (!(Number.isSafeInteger(partitions) && partitions >= 2 && partitions % 2 === 0)) throw new InputError(`--partitions must be an even whole number ≥ 2, got ${partitions}`);
  const workers = request.workers ?? 1;
  if (!(Number.isSafeInteger(workers) && workers >= 1)) throw new InputError(`--workers must be a whole number ≥ 1, got ${workers}`);
  if (request.queue && request.workers !== undefined) throw new InputError("--queue hands the tasks to scripts/worker.ts processes; drop --workers (start as many workers as you like)");
  const split = checkSplitOptions(request);
  const base = { ...request, strategy: kind.kind, benchmark: undefined, progress: undefined };
  const checked = trials.map((params) => checkBacktestRequest({ ...base, params }));
  const buyAndHold = checkBacktestRequest({ ...base, strategy: "buy-and-hold", params: {}, rebalance: undefined, driftBand: undefined, borrowFeeBps: undefined });
  return { trials, checked, split, objective, partitions, workers, buyAndHold };
}

async function runChecked(database: Database, request: WalkForwardRequest, checked: CheckedWalkForward): Promise<WalkForwardRun> {
  const step = request.progress ?? (() => undefined);
  if (request.queue && database.capabilities.engine === "pglite") {
    throw new InputError("--queue needs a PostgreSQL server that worker processes can reach (set DATABASE_URL); the embedded database is one process's, so use --workers N instead");
  }
  step("resolving the universe");
  const universe: UniverseSpec = request;
  const instruments = await resolveUniverse(database, universe, request.from, request.to);
  const sweepRequest = sweepRequestOf(request, instruments.map((k) => `${k.ticker}.${k.region}`));
  const warmUp = Math.max(...[checked.buyAndHold, ...checked.checked].map(warmUpDays));
  step(`loading the bars of ${instruments.length} instruments`);
  const unsplit: SweepPlan = { request: sweepRequest, warmUp, trials: checked.trials, folds: [] };
  const data = await loadSweepData(database, unsplit, checked.checked);
  const { market } = data;
  const folds = walkForwardSplits(market.dates.slice(market.startRow), checked.split).map((fold) => ({
    ...fold,
    trainRows: [fold.trainRows[0] + market.startRow, fold.trainRows[1] + market.startRow] as const,
    testRows: [fold.testRows[0] + market.startRow, fold.testRows[1] + market.startRow] as const,
  }));
  const plan: SweepPlan = { ...unsplit, folds };
  const tasks: SweepTask[] = folds.flatMap((fold) => checked.trials.map((_, trial) => ({ fold: fold.fold, trial })));
  step(`evaluating ${checked.trials.length} parameter sets on ${folds.length} folds`, 0, tasks.length);
  const executor = await executorFor(request, checked, database);
  let results: TaskResult[];
  try {
    let done = 0;
    results = await executor.run(plan, data, tasks, () => step("evaluating", ++done, tasks.length));
  } finally {
    await executor.close();
  }
  results = [...results].sort((a, b) => a.fold - b.fold || a.trial - b.trial);
  if (results.length !== tasks.length) throw new RangeError(`the executor returned ${results.length} results for ${tasks.length} tasks`);
  let report = assemble(plan, data, checked, results, instruments.length);
  if (request.save) {
    step(`saving ${folds.length} folds and ${results.length} trials`);
    const cash = checked.checked[0].config.initialCash;
    const trials = results.map((r) => ({
      fold: r.fold,
      trial: r.trial,
      params: plan.trials[r.trial],
      isObjective: objectiveValue(r.train, checked.objective),
      isSharpe: r.train.sharpe,
      isReturn: r.train.totalReturn,
      oosSharpe: r.test.sharpe,
      oosReturn: r.test.totalReturn,
      oosReturns: trialTestReturns([r.testEquity], cash),
    }));
    const runId = await walkForwardRunsRepository(database).saveWalkForwardRun({
      report,
      trials,
      name: request.name ?? `walk-forward ${strategyName(checked.checked[0].kind, {})}`.trim(),
      stitched: stitchedRunReport(report, plan, data, checked),
    });
    report = { runId, ...report };
  }
  return { report, plan, results };
}

async function executorFor(request: WalkForwardRequest, checked: CheckedWalkForward, database: Database): Promise<SweepExecutor> {
  if (request.queue) {
    const { jobQueueExecutor } = await import("./executors/job-queue.ts");
    return jobQueueExecutor({ database });
  }
  if (checked.workers > 1) {
    const { threadPoolExecutor } = await import("./executors/thread-pool.ts");
    return threadPoolExecutor({ workers: checked.workers });
  }
  return inProcessExecutor;
}

/** The backtest options every window runs with, as plain data, the universe as the resolved list. */
function sweepRequestOf(request: WalkForwardRequest, tickers: string[]): SweepRequest {
  const { strategy, from, to, rebalance, driftBand, cash, fill, shares, priceBasis, commissionBps, commissionPerShare, commissionMin, slippageBps, impactK, maxParticipation, borrowFeeBps, allowLeverage } = request;
  const options = { rebalance, driftBand, cash, fill, shares, priceBasis, commissionBps, commissionPerShare, commissionMin, slippageBps, impactK, maxParticipation, borrowFeeBps, allowLeverage };
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { strategy, from, to, tickers, ...given };
}

function assemble(plan: SweepPlan, data: SweepData, checked: CheckedWalkForward, results: readonly TaskResult[], instruments: number): WalkForwardReport {
  const { objective, trials } = checked;
  const notes: string[] = [];
  const byFold = plan.folds.map((fold) => results.filter((r) => r.fold === fold.fold));
  const folds: WalkForwardFold[] = plan.folds.map((fold, k) => {
    const scored = byFold[k].map((r) => objectiveValue(r.train, objective));
    let best = -1;
    for (let trial = 0; trial < scored.length; trial++) if (!Number.isNaN(scored[trial]) && (best < 0 || scored[trial] > scored[best])) best = trial;
    if (best < 0) {
      notes.push(`fold ${fold.fold}: no parameter set has a ${objective} on the train window (flat curves); the first set was taken`);
      best = 0;
    }
    const chosen = byFold[k][best];
    const buyAndHold = evaluateWindow(data, checked.buyAndHold, fold.testRows[0], fold.testRows[1]);
    return {
      fold: fold.fold,
      trainStart: fold.trainStart,
      trainEnd: fold.trainEnd,
      testStart: fold.testStart,
      testEnd: fold.testEnd,
      params: trials[best],
      trial: best,
      isObjective: scored[best],
      isMedianObjective: medianObjective(scored),
      isSharpe: chosen.train.sharpe,
      oosSharpe: chosen.test.sharpe,
      isReturn: chosen.train.totalReturn,
      oosReturn: chosen.test.totalReturn,
      isAnnualReturn: chosen.train.annualReturn,
      oosAnnualReturn: chosen.test.annualReturn,
      overfittingRatio: overfittingRatio(chosen.train.sharpe, chosen.test.sharpe),
      oosBuyAndHoldReturn: buyAndHold.score.totalReturn,
    };
  });
  const cash = checked.checked[0].config.initialCash;
  const stitched = stitchEquity(
    folds.map((fold, k) => ({ dates: data.market.dates.slice(plan.folds[k].testRows[0], plan.folds[k].testRows[1] + 1), values: Float64Array.from(byFold[k][fold.trial].testEquity), startingValue: cash })),
  );
  const curve = curveMetrics(stitched.values, stitched.returns, cash);
  const trialReturns = trials.map((_, trial) => trialTestReturns(byFold.map((fold) => fold[trial].testEquity), cash));
  const deflated = deflatedSharpeOfSearch(stitched.returns, trialReturns);
  const pbo = overfittingOfSearch(trialReturns, checked.partitions);
  for (const note of [deflated.note, pbo.note]) if (note !== undefined) notes.push(note);
  return {
    strategy: checked.checked[0].kind.kind,
    objective,
    trials: trials.length,
    folds,
    oos: {
      from: stitched.dates[0],
      to: stitched.dates[stitched.dates.length - 1],
      totalReturn: curve.totalReturn,
      annualReturn: curve.annualReturn,
      sharpeRatio: curve.sharpeRatio,
      maxDrawdown: curve.maxDrawdown,
      tStat: sharpeTStat(stitched.returns),
    },
    walkForwardEfficiency: walkForwardEfficiency(
      folds.map((f) => f.isAnnualReturn),
      folds.map((f) => f.oosAnnualReturn),
    ),
    parameterStability: parameterStability(folds.map((f) => f.params)),
    deflatedSharpe: deflated.value,
    pbo: pbo.value,
    instruments,
    notes,
  };
}

/** One trial's daily returns over every fold's test window, each fold's first day against the cash. */
export function trialTestReturns(testEquities: readonly (readonly number[])[], cash: number): Float64Array {
  const out = new Float64Array(testEquities.reduce((n, e) => n + e.length, 0));
  let k = 0;
  for (const equity of testEquities) {
    let previous = cash;
    for (const value of equity) {
      out[k++] = value / previous - 1;
      previous = value;
    }
  }
  return out;
}

/**
 * The stitched out-of-sample run as a backtest report, for `backtest_results`: the chained equity
 * (cash and exposures as fractions of each fold's own run), curve metrics and the search described
 * in `params`. Its trades are the fold backtests' (repeat a fold with scripts/backtest.ts to see
 * them), so the ledger is left empty.
 */
function stitchedRunReport(report: WalkForwardReport, plan: SweepPlan, data: SweepData, checked: CheckedWalkForward): BacktestReport {
  const cash = checked.checked[0].config.initialCash;
  const runs = report.folds.map((fold, k) => evaluateWindow(data, checked.checked[fold.trial], plan.folds[k].testRows[0], plan.folds[k].testRows[1]));
  const stitched = stitchEquity(runs.map((run, k) => ({ dates: data.market.dates.slice(plan.folds[k].testRows[0], plan.folds[k].testRows[1] + 1), values: run.equity, startingValue: cash })));
  let day = 0;
  const equity = runs.flatMap((run, k) =>
    Array.from(run.equity, (value, i) => {
      const stitchedValue = stitched.values[day++];
      const curve = run.simulation.equity;
      return {
        date: data.market.dates[plan.folds[k].testRows[0] + i],
        value: roundMoney(stitchedValue),
        cash: roundMoney((curve.cash[i] / value) * stitchedValue),
        grossExposure: curve.gross[i] / value,
        netExposure: curve.net[i] / value,
      };
    }),
  );
  const config = checked.checked[0].config;
  const last = stitched.values[stitched.values.length - 1];
  const metrics = { ...curveMetrics(stitched.values, stitched.returns, cash), tStat: report.oos.tStat };
  return {
    strategy: report.strategy,
    params: { search: "walk-forward", objective: report.objective, trials: report.trials, folds: report.folds.length },
    from: report.oos.from,
    to: report.oos.to,
    instruments: report.instruments,
    initialCash: cash,
    finalValue: roundMoney(last),
    finalCash: equity[equity.length - 1].cash,
    optimistic: config.fill === "close",
    metrics: Object.fromEntries(Object.entries(metrics).map(([name, value]) => [name, Number.isFinite(value) ? value : null])),
    trades: [],
    equity,
    holdings: [],
    config: { ...config, params: {}, from: report.oos.from, to: report.oos.to },
    data: { from: data.market.dates[0], to: data.market.dates[data.market.dates.length - 1], rows: data.rowsRead },
    codeVersion: codeVersion(),
    notes: ["stitched out-of-sample run of a walk-forward: each fold's test backtest of its chosen set, chained; the trades are the fold backtests'", ...report.notes],
  };
}

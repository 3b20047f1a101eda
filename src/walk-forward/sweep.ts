/**
 * A walk-forward sweep as independent tasks: one task = one parameter set (trial) on one fold, run
 * on the fold's train window and on its test window. A plan is plain, serialisable data, so an
 * in-process loop, a worker-thread pool and a job queue on other machines all run the same
 * `evaluateTask` on the same grid and get the same numbers.
 *
 * Exactness: the sweep loads one grid (../backtest/market/load-market.ts) over the whole range with
 * the largest warm-up any trial needs, for the instruments the universe resolved to over that range,
 * and cuts each window from it: rows [start − the trial's warm-up, end], delistings judged as of the
 * window's last day (delistingRows), the next grid date as the schedule's `nextDate`, factor scores
 * sliced from the same grid. The window then runs `simulateStrategy`, the computation `runBacktest`
 * makes after loading, so a fold is the backtest of scripts/backtest.ts over its dates with
 * `--tickers` set to the sweep's instruments. Two documented differences, in last digits only:
 * strategies read closes adjusted as of the sweep's last day instead of the window's (each window
 * is then scaled by one factor per instrument, see Market.adjustedClose), and with
 * `priceBasis: "total"` the traded prices are adjusted as of the sweep's last day too.
 *
 * Window scores follow ../backtest/run-metrics.ts: daily simple returns of equity, the first day
 * against the initial cash; Sharpe, Sortino, Calmar and annual return as ../backtest/metrics.ts
 * (252 days a year, ddof 1, risk-free 0). The test window also gives its equity curve and daily
 * returns, for the stitched out-of-sample run and the trials × days matrix of the PBO.
 */
import type { Session } from "../db/index.ts";
import { InputError } from "../errors.ts";
import { checkBacktestRequest, simulateStrategy, warmUpDays, type BacktestRequest, type CheckedRequest } from "../backtest/run-backtest.ts";
import { delistingRows, loadMarket, type Listing } from "../backtest/market/load-market.ts";
import { loadScores } from "../backtest/market/load-scores.ts";
import * as m from "../backtest/metrics.ts";
import { dailyReturns } from "../backtest/run-metrics.ts";
import type { StrategyParameters } from "../backtest/strategies/index.ts";
import type { Market, SimulationResult } from "../backtest/types.ts";
import { parseInstruments } from "../optimize/run-optimization.ts";
import { sliceRows, type Panel } from "../panel/index.ts";
import type { WalkForwardSplit } from "./splits.ts";

export const OBJECTIVES = ["sharpe", "sortino", "calmar", "annual-return"] as const;
export type Objective = (typeof OBJECTIVES)[number];

/** The backtest options a sweep runs every window with: plain data, the universe as a resolved list. */
export type SweepRequest = Omit<BacktestRequest, "params" | "database" | "progress" | "save" | "name" | "benchmark" | "universeFile" | "region" | "assetTypes" | "strategy" | "tickers"> & {
  readonly strategy: string;
  /** `TICKER.REGION` of every instrument, resolved once over the whole range. */
  readonly tickers: readonly string[];
};

export interface SweepPlan {
  readonly request: SweepRequest;
  /** Warm-up rows loaded before the first date: the largest any trial needs. */
  readonly warmUp: number;
  readonly trials: readonly StrategyParameters[];
  /** Folds with rows counted in the loaded grid (warm-up rows included). */
  readonly folds: readonly WalkForwardSplit[];
}

export interface SweepTask {
  readonly fold: number;
  readonly trial: number;
}

export interface WindowScore {
  readonly sharpe: number;
  readonly sortino: number;
  readonly calmar: number;
  readonly annualReturn: number;
  readonly totalReturn: number;
  readonly maxDrawdown: number;
}

export interface TaskResult extends SweepTask {
  readonly train: WindowScore;
  readonly test: WindowScore;
  /** End-of-day equity over the test window, one value per test date. */
  readonly testEquity: readonly number[];
}

/** The loaded grid a plan's tasks read. */
export interface SweepData {
  readonly market: Market;
  readonly nextDate: string | null;
  readonly listings: readonly Listing[];
  /** Factor scores on the grid, by `scoresKey` of the trial's factor weights. */
  readonly scores: Readonly<Record<string, Panel>>;
  /** Bar rows read (warm-up included). */
  readonly rowsRead: number;
}

/** The plan's requests, one per trial, checked as runBacktest checks them (bad input is refused here). */
export function checkTrials(plan: Pick<SweepPlan, "request" | "trials">): CheckedRequest[] {
  return plan.trials.map((params) => checkBacktestRequest({ ...plan.request, params }));
}

export async function loadSweepData(session: Session, plan: SweepPlan, checked = checkTrials(plan)): Promise<SweepData> {
  const { request } = plan;
  const instruments = parseInstruments([...request.tickers], "US");
  const { market, nextDate, listings, rowsRead } = await loadMarket(session, instruments, { from: request.from, to: request.to, warmUp: plan.warmUp, priceBasis: request.priceBasis ?? "raw" });
  const scores: Record<string, Panel> = {};
  for (const { kind, params } of checked) {
    const weights = kind.factorWeights?.(params);
    if (weights === undefined || Object.hasOwn(scores, scoresKey(weights))) continue;
    scores[scoresKey(weights)] = await loadScores(session, market, weights);
  }
  const last = plan.folds[plan.folds.length - 1];
  if (last !== undefined && (last.testRows[1] >= market.dates.length || market.dates[last.testRows[1]] !== last.testEnd)) {
    throw new InputError(`the stored bars changed since the sweep was planned (${last.testEnd} is no longer row ${last.testRows[1]} of the grid); start the sweep again`);
  }
  return { market, nextDate, listings, scores, rowsRead };
}

export function scoresKey(weights: Readonly<Record<string, number>>): string {
  return JSON.stringify(Object.keys(weights).sort().map((name) => [name, weights[name]]));
}

/** One trial on one fold: its train and test windows. `checked` is checkTrials(plan), computed once. */
export function evaluateTask(plan: SweepPlan, data: SweepData, checked: readonly CheckedRequest[], task: SweepTask): TaskResult {
  const fold = plan.folds[task.fold];
  const request = checked[task.trial];
  if (fold === undefined || request === undefined) throw new RangeError(`task ${JSON.stringify(task)} is outside the plan's ${plan.folds.length} folds × ${plan.trials.length} trials`);
  const train = evaluateWindow(data, request, fold.trainRows[0], fold.trainRows[1]);
  const test = evaluateWindow(data, request, fold.testRows[0], fold.testRows[1]);
  return { fold: task.fold, trial: task.trial, train: train.score, test: test.score, testEquity: Array.from(test.equity) };
}

export interface WindowRun {
  readonly score: WindowScore;
  readonly equity: Float64Array;
  readonly returns: Float64Array;
  readonly simulation: SimulationResult;
}

/** The backtest of `checked` over grid rows [first, last] (see the header). */
export function evaluateWindow(data: SweepData, checked: CheckedRequest, first: number, last: number): WindowRun {
  const { market: grid } = data;
  const width = grid.instruments.length;
  const start = Math.max(0, first - warmUpDays(checked));
  const end = last + 1;
  const dates = grid.dates.slice(start, end);
  const close = grid.close.subarray(start * width, end * width);
  const cut = (values: Float64Array) => values.subarray(start * width, end * width);
  const market: Market = {
    dates,
    instruments: grid.instruments,
    labels: grid.labels,
    open: cut(grid.open),
    close,
    volume: cut(grid.volume),
    adjustedClose: cut(grid.adjustedClose),
    splitRatio: cut(grid.splitRatio),
    dividend: cut(grid.dividend),
    delistRow: delistingRows(data.listings, dates, close, dates[dates.length - 1]),
    startRow: first - start,
  };
  const weights = checked.kind.factorWeights?.(checked.params);
  const scores = weights === undefined ? undefined : sliceRows(data.scores[scoresKey(weights)], start, end);
  const nextDate = end < grid.dates.length ? grid.dates[end] : data.nextDate;
  const { simulation } = simulateStrategy({ market, nextDate, scores }, checked);
  const equity = simulation.equity.value;
  const returns = dailyReturns(equity, checked.config.initialCash);
  return { score: windowScore(equity, returns, checked.config.initialCash), equity, returns, simulation };
}

function windowScore(equity: Float64Array, returns: Float64Array, initialCash: number): WindowScore {
  return {
    sharpe: m.sharpeRatio(returns),
    sortino: m.sortinoRatio(returns),
    calmar: m.calmarRatio(returns),
    annualReturn: m.annualReturn(returns),
    totalReturn: (equity.length === 0 ? NaN : equity[equity.length - 1]) / initialCash - 1,
    maxDrawdown: m.maxDrawdown(returns),
  };
}

/** The objective's value in a window score. */
export function objectiveValue(score: WindowScore, objective: Objective): number {
  switch (objective) {
    case "sharpe":
      return score.sharpe;
    case "sortino":
      return score.sortino;
    case "calmar":
      return score.calmar;
    case "annual-return":
      return score.annualReturn;
  }
}

export function checkObjective(objective: string): Objective {
  if (!(OBJECTIVES as readonly string[]).includes(objective)) throw new InputError(`--objective must be one of ${OBJECTIVES.join(", ")} (got "${objective}")`);
  return objective as Objective;
}

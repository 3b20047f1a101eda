/**
 * Real results for the report tests: one seeded market of 12 instruments over 420 weekdays (a one-
 * factor model, oneFactorPrices, seed 11) stored in a fresh embedded database, and on it a backtest
 * (equal weight, month-end, costs, benchmark T01), a walk-forward of sma-cross, an HRP optimization
 * (and a max-Sharpe one) from the stored bars, and the tear sheet of the reversal_1m factor computed
 * by the library from the same closes.
 */
import { runBacktest, type BacktestRun } from "../../src/backtest/run-backtest.ts";
import type { Database } from "../../src/db/index.ts";
import { factorByName } from "../../src/factors/registry.ts";
import { runOptimization, type OptimizationRun } from "../../src/optimize/run-optimization.ts";
import { factorTearSheet, type FactorTearSheet } from "../../src/report/factor-series.ts";
import { numberedTickers, oneFactorPrices, weekdaysFrom } from "../../src/synthetic/index.ts";
import { runWalkForward, type WalkForwardRun } from "../../src/walk-forward/run-walk-forward.ts";
import { dayBar, storeBars } from "../backtest/ledger.ts";

export const DATES = weekdaysFrom("2023-01-02", 420);
export const TICKERS = numberedTickers(12, "T", 2);
export const PRICES = oneFactorPrices(TICKERS, DATES, 11);

export async function seedReportMarket(db: Database): Promise<void> {
  const n = TICKERS.length;
  await storeBars(
    db,
    TICKERS.flatMap((ticker, i) => DATES.map((date, d) => dayBar(ticker, date, PRICES.values[d * n + i], { open: PRICES.values[Math.max(0, d - 1) * n + i], volume: 500_000 }))),
  );
}

export interface ReportResults {
  readonly backtest: BacktestRun;
  readonly walkForward: WalkForwardRun;
  readonly optimization: OptimizationRun;
  readonly maxSharpe: OptimizationRun;
  readonly factor: FactorTearSheet;
}

export async function reportResults(db: Database): Promise<ReportResults> {
  const tickers = TICKERS.join(",");
  const backtest = await runBacktest({
    strategy: "equal-weight",
    tickers,
    from: DATES[21],
    to: DATES[DATES.length - 1],
    commissionBps: 5,
    slippageBps: 5,
    benchmark: TICKERS[0],
    database: db,
  });
  const walkForward = await runWalkForward({
    strategy: "sma-cross",
    grid: ["period=5,10,20,40"],
    tickers,
    from: DATES[60],
    to: DATES[DATES.length - 1],
    train: 120,
    test: 40,
    partitions: 4,
    commissionBps: 5,
    database: db,
  });
  const optimization = await runOptimization({ method: "hrp", tickers, from: DATES[0], to: DATES[DATES.length - 1], priceField: "close", database: db });
  const maxSharpe = await runOptimization({ method: "max-sharpe", tickers, from: DATES[0], to: DATES[DATES.length - 1], priceField: "close", database: db });
  const definition = factorByName("reversal_1m");
  const at = DATES.map((_, d) => d).filter((d) => d >= definition.lookback);
  const factor = factorTearSheet(definition.name, definition.compute({ closes: PRICES }, at), PRICES, { direction: definition.direction });
  return { backtest, walkForward, optimization, maxSharpe, factor: { ...factor, description: definition.description } };
}

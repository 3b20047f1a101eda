/**
 * All repositories over one session: the database (`repositories(await openDatabase())`) or an open
 * transaction (`database.transaction((tx) => repositories(tx)…)`), with the same API on both.
 */
import type { Session } from "../db/index.ts";
import { adjustedBars, type AdjustedBarsOptions } from "./adjusted-prices.ts";
import { backtestRunsRepository } from "./backtest-runs.ts";
import { barStoreRepository } from "./bar-store.ts";
import { corporateActionsRepository } from "./corporate-actions.ts";
import { factorScoresRepository } from "./factor-scores.ts";
import { fetchCoverageRepository } from "./fetch-coverage.ts";
import { fundamentalsRepository } from "./fundamentals.ts";
import { indicatorValuesRepository } from "./indicator-values.ts";
import { ingestRunsRepository } from "./ingest-runs.ts";
import { instrumentsRepository } from "./instruments.ts";
import { jobRunsRepository } from "./job-runs.ts";
import { pricesRepository } from "./prices.ts";
import { researchRepository } from "./research.ts";
import { walkForwardRunsRepository } from "./walk-forward-runs.ts";

export type { InstrumentKey } from "./instruments.ts";
export type { AdjustedBar, AdjustedBarsOptions, AdjustmentMode } from "./adjusted-prices.ts";
export type { BacktestRunSummary, BacktestStrategy } from "./backtest-runs.ts";
export type { BarDeletion, BarSeries, BarStoreStats, KiteBar, StoredInterval, StoredSymbol, SymbolIntervals } from "./bar-store.ts";
export type { IndicatorSeriesKey, IndicatorValue, LoadOptions, SaveMode, SaveResult, SeriesInfo } from "./indicator-values.ts";
export { refreshOhlcvAggregates, type AggregatePeriod, type PanelField } from "./prices.ts";

export function repositories(session: Session) {
  return {
    instruments: instrumentsRepository(session),
    prices: pricesRepository(session),
    /** One instrument's bars as of a date, raw, split- or total-adjusted (adjusted-prices.ts). */
    adjustedBars: (ticker: string, region: string, from: string, to: string, options: AdjustedBarsOptions) =>
      adjustedBars(session, ticker, region, from, to, options),
    corporateActions: corporateActionsRepository(session),
    fundamentals: fundamentalsRepository(session),
    factorScores: factorScoresRepository(session),
    /** Strategies, backtests (stored runs: backtest-runs.ts), walk-forward windows, optimizations. */
    research: { ...researchRepository(session), ...backtestRunsRepository(session), ...walkForwardRunsRepository(session) },
    jobRuns: jobRunsRepository(session),
    fetchCoverage: fetchCoverageRepository(session),
    ingestRuns: ingestRunsRepository(session),
    /** Indicator values of a tick session's symbol or a bar series: save (append/overwrite), load, info. */
    indicatorValues: indicatorValuesRepository(session),
    /** kite_app's bar-store API over daily and intraday bars: get, symbols, intervals, stats, delete (bar-store.ts). */
    barStore: barStoreRepository(session),
  };
}

export type Repositories = ReturnType<typeof repositories>;
export {
  adjustedBars,
  backtestRunsRepository,
  barStoreRepository,
  corporateActionsRepository,
  factorScoresRepository,
  fetchCoverageRepository,
  fundamentalsRepository,
  indicatorValuesRepository,
  ingestRunsRepository,
  instrumentsRepository,
  jobRunsRepository,
  pricesRepository,
  researchRepository,
  walkForwardRunsRepository,
};

/**
 * The platform's public API: what a researcher imports, in a script, a notebook or the REPL.
 *
 * ```ts
 * import { openDatabase, repositories, runFactorJob, analyzeFactor, runOptimization } from "./src/index.ts";
 * ```
 *
 * Every command-line tool in scripts/ is one call from this list plus parsing and printing, so what a
 * script does, a REPL user can do in the same call. Deeper modules (the factor kernels, the
 * optimiser's estimators, the ingest core) stay importable from their folders; this file names the
 * entry points and the types their results carry.
 *
 * Conventions shared by everything exported here: dates are `YYYY-MM-DD` text (UTC instants for
 * timestamps); instruments are keyed by `(ticker, region)`; a value that cannot be computed is NaN
 * (NULL in storage), never 0; an expected failure is a `PlatformError` with a `code` (bad input is an
 * `InputError`, code "bad-input").
 */

// Errors
export { InputError, isExpectedError, PlatformError } from "./errors.ts";

// Storage
export { DatabaseError, openDatabase, type Database, type OpenOptions, type Session, type Transaction } from "./db/index.ts";
export { migrateDatabase, type MigrationStatus } from "./db/migrate-database.ts";
export { withDatabase } from "./db/with-database.ts";
export { repositories, type InstrumentKey, type PanelField, type Repositories } from "./repositories/index.ts";
export type * from "./schema/types.ts";

// Panels: dates × tickers, NaN = missing
export * from "./panel/index.ts";

// Importers
export { migrateFromSqlite, type MigrateOptions, type MigrateReport } from "./ingest/sqlite/migrate.ts";
export { validatePhase1, type ValidateOptions, type ValidationReport } from "./ingest/sqlite/validate/validate.ts";
export { fetchYahoo, type FetchYahooOptions, type FetchYahooReport } from "./ingest/yahoo/index.ts";
export { importCsv, type CsvImportReport, type ImportCsvOptions } from "./ingest/csv/index.ts";
export { migrateFromHdf5, type Hdf5ImportReport, type MigrateHdf5Options } from "./ingest/hdf5/index.ts";
export { migrateCsvSessions, type MigrateSessionsOptions, type SessionsImportReport } from "./ingest/sessions/index.ts";
export { exportKiteHdf5, type ExportKiteHdf5Options, type KiteHdf5ExportReport } from "./export/hdf5/index.ts";
export { instrumentFor } from "./ingest/symbols.ts";

// Factors: library, cross-section, analysis, jobs
export { FACTORS, FACTOR_NAMES, factorByName } from "./factors/registry.ts";
export type { FactorDefinition, FactorInputs } from "./factors/types.ts";
export { scoreFactor } from "./factors/cross-section/score-factor.ts";
export { composite } from "./factors/cross-section/composite.ts";
export { neutralize } from "./factors/cross-section/neutralize.ts";
export { winsorize } from "./factors/cross-section/winsorize.ts";
export { zscore } from "./factors/cross-section/zscore.ts";
export { percentileRank } from "./factors/cross-section/percentile.ts";
export { analyzeFactor, DEFAULT_HORIZONS, type FactorReport } from "./factors/analysis/report.ts";
export { forwardReturns } from "./factors/analysis/forward-returns.ts";
export { icSeries, summarizeIc } from "./factors/analysis/ic.ts";
export { quantileReturns } from "./factors/analysis/quantile-returns.ts";
export { runFactorJob, type FactorJobRequest, type FactorJobResult } from "./factors/jobs/factor-job.ts";
export { scheduleFactorJob } from "./factors/jobs/schedule.ts";
export { reportStoredFactor, type StoredFactorReport } from "./factors/jobs/stored-factor.ts";

// Portfolio optimisation
export {
  METHODS,
  optimizePortfolio,
  readPriceCsv,
  returnsFromPrices,
  OptimizationError,
  type Method,
  type OptimizationResult,
  type OptimizeOptions,
} from "./optimize/index.ts";
export { parseInstruments, runOptimization, type OptimizationRequest, type OptimizationRun } from "./optimize/run-optimization.ts";
export { weightsByTicker } from "./optimize/weights-by-ticker.ts";

// Synthetic data (seeded) for experiments, tests and benchmarks
export {
  calendarDays,
  generateSpockSample,
  generateStockulaSample,
  generateKiteFile,
  generateInstrumentFile,
  numberedTickers,
  oneFactorPrices,
  randomBars,
  randomClosePanel,
  weekdaysFrom,
} from "./synthetic/index.ts";

// Backtests: empyrical-compatible performance metrics (as a namespace: metrics.sharpeRatio, …) and cost models
export * as metrics from "./backtest/metrics.ts";
export { fillCost, type CostModel } from "./backtest/costs/index.ts";
// Backtests: one call (runBacktest), the pure kernel, strategies, signals and schedules
export { runBacktest, strategyName, type BacktestRequest, type BacktestRun } from "./backtest/run-backtest.ts";
export { simulate } from "./backtest/kernel/simulate.ts";
export { fromSignals, type SignalGrid, type SignalSize } from "./backtest/signals.ts";
export { decisionRows, parseSchedule, type Schedule } from "./backtest/schedule.ts";
export { resolveParameters, strategyKind, strategyKinds, type StrategyKind, type StrategyParameters } from "./backtest/strategies/index.ts";
export { weightsStrategy } from "./backtest/strategies/weights.ts";
// Walk-forward: one call (runWalkForward), splits over trading days and the overfitting statistics (PSR, DSR, PBO)
export { runWalkForward, type WalkForwardFold, type WalkForwardReport, type WalkForwardRequest, type WalkForwardRun } from "./walk-forward/run-walk-forward.ts";
export { runSweepWorker } from "./walk-forward/queue-worker.ts";
export { walkForwardSplits, type WalkForwardOptions, type WalkForwardSplit } from "./walk-forward/splits.ts";
export { deflatedSharpeRatio, expectedMaxSharpe, probabilisticSharpeRatio, probabilityOfBacktestOverfitting, skewAndKurtosis } from "./walk-forward/overfitting/index.ts";
export { gridCombinations, parseGrid, randomDraws } from "./walk-forward/grid.ts";
export type { Market, SimulationOptions, SimulationResult, TargetPlan } from "./backtest/types.ts";
export type { BacktestReport, BacktestTrade, BacktestEquityPoint, BacktestHolding, BacktestConfig } from "./backtest/report.ts";
export {
  computeIndicators,
  computeSessionIndicators,
  indicatorSeries,
  parseIndicators,
  parseSessionIndicators,
  INDICATOR_NAMES,
  TICK_INDICATOR_NAMES,
  type IndicatorResult,
  type IndicatorSeries,
  type IndicatorSpec,
  type SessionIndicatorResult,
  type SessionIndicatorsRequest,
} from "./indicators/index.ts";
export { replaySession, runTickBacktest, type ReplayEvent, type ReplayOptions, type TickBacktestOptions, type TickBacktestResult, type TickStrategy } from "./replay/index.ts";
export { createSessionsApp } from "./server/app.ts";
export { serveSessions, type ServeOptions } from "./server/serve.ts";

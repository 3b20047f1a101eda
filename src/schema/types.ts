/** Row types, inferred from the tables (never written by hand). */
import type * as reference from "./reference.ts";
import type * as market from "./market-data.ts";
import type * as research from "./research.ts";
import type * as bookkeeping from "./bookkeeping.ts";

export type Ticker = typeof reference.tickers.$inferSelect;
export type NewTicker = typeof reference.tickers.$inferInsert;
export type OhlcvBar = typeof market.ohlcvData.$inferSelect;
export type NewOhlcvBar = typeof market.ohlcvData.$inferInsert;
export type Dividend = typeof market.dividends.$inferSelect;
export type NewDividend = typeof market.dividends.$inferInsert;
export type Split = typeof market.splits.$inferSelect;
export type NewSplit = typeof market.splits.$inferInsert;
export type Fundamentals = typeof market.tickerFundamentals.$inferSelect;
export type NewFundamentals = typeof market.tickerFundamentals.$inferInsert;
export type FactorScore = typeof market.factorScores.$inferSelect;
export type NewFactorScore = typeof market.factorScores.$inferInsert;
export type AggregateBar = typeof market.ohlcvMonthly.$inferSelect;
export type Strategy = typeof research.strategies.$inferSelect;
export type NewStrategy = typeof research.strategies.$inferInsert;
export type BacktestResult = typeof research.backtestResults.$inferSelect;
export type NewBacktestResult = typeof research.backtestResults.$inferInsert;
export type OptimizationRecord = typeof research.optimizationHistory.$inferSelect;
export type NewOptimizationRecord = typeof research.optimizationHistory.$inferInsert;
export type MigrationRun = typeof bookkeeping.migrationRuns.$inferSelect;
export type MigrationReject = typeof bookkeeping.migrationRejects.$inferSelect;
export type JobRun = typeof bookkeeping.jobRuns.$inferSelect;
export type FetchCoverage = typeof bookkeeping.fetchCoverage.$inferSelect;

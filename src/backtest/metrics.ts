/**
 * Performance metrics named and defined as empyrical (quantopian/empyrical, stats.py) defines them,
 * in camelCase, over simple (non-cumulative) per-period returns given as arrays or Float64Arrays.
 *
 * Conventions (empyrical's unless marked "differs"):
 * - Returns and factor (benchmark) returns are aligned by position; NaN marks a missing period.
 *   A series of a different length is bad input (InputError).
 * - Annualization: `annualization` periods per year if given, else by `period`: daily 252, weekly 52,
 *   monthly 12, quarterly 4, yearly 1. Default period: daily.
 * - Means, standard deviations and percentiles skip NaN (nanmean, nanstd, nanpercentile);
 *   standard deviations use ddof = 1.
 * - Compounding treats NaN as a zero return (cum_returns fills NaN with 0), and annualReturn counts
 *   every position, NaN included, as a period when converting to years (num_years = n / factor).
 * - Empty input → NaN. Differs: a series with no observation at all (all NaN) also gives NaN where
 *   empyrical would compound it to 0.
 * - Length guards: annualVolatility, sharpeRatio, sortinoRatio, omegaRatio, stabilityOfTimeseries,
 *   excessSharpe, alpha and beta need at least two positions, the rest at least one; fewer → NaN.
 * - Ratios divide as numpy does: a positive mean over zero deviation is Infinity, 0/0 is NaN
 *   (so constant positive returns have sharpeRatio Infinity). calmarRatio is NaN when there is no
 *   drawdown or the ratio is infinite; omegaRatio is NaN when no return is below the threshold.
 * - riskFree and requiredReturn are per period (not annual); riskFree may be a number or a series.
 * - maxDrawdown is ≤ 0 (a 20% fall is −0.2); cumReturns with startingValue 0 (the default) gives
 *   cumulative returns, otherwise values starting from startingValue.
 * - omegaRatio's requiredReturn is annual, deannualized as (1 + r)^(1/factor) − 1 (factor 1: as is).
 * - valueAtRisk is the cutoff percentile (default 0.05) of the returns, linear interpolation.
 *   Differs: NaN is skipped (empyrical's np.percentile would return NaN). conditionalValueAtRisk is
 *   the mean of the floor((n − 1)·cutoff) + 1 lowest observations.
 * - beta = cov(r, f) / var(f) over periods where both are present; a factor variance below 1e-30
 *   gives NaN. alpha = (1 + mean(r − rf − β·(f − rf)))^factor − 1. A riskFree series is
 *   subtracted from both series before beta too (a constant leaves beta unchanged, as in empyrical).
 * - up* keeps the periods with factor return > 0, down* those with factor return < 0; capture is
 *   annualReturn(r) / annualReturn(f) on the kept periods.
 * - Rolling metrics (roll*) return one value per full window: length n − window + 1 (empty when the
 *   window is longer than the series), value k covering positions k … k + window − 1.
 * - aggregateReturns compounds each calendar group. Differs: weeks are ISO weeks keyed by ISO
 *   week-year ("2020-W53"), where empyrical pairs the calendar year with the ISO week number.
 * - Trade statistics (backtrader's SQN), turnover (pyfolio's, traded ÷ equity), cost drag and exposure:
 *   conventions in ./metrics/trades.ts.
 */
export { aggregateReturns, rollAlphaBeta, rollMaxDrawdown, rollSharpeRatio } from "./metrics/rolling.ts";
export { alpha, alphaBeta, beta, capture, downAlphaBeta, downCapture, upAlphaBeta, upCapture, upDownCapture } from "./metrics/factor.ts";
export type { AlphaBeta } from "./metrics/factor.ts";
export {
  annualReturn, annualVolatility, cagr, calmarRatio, conditionalValueAtRisk, cumReturns, cumReturnsFinal, downsideRisk,
  excessSharpe, maxDrawdown, omegaRatio, sharpeRatio, sortinoRatio, stabilityOfTimeseries, tailRatio, valueAtRisk,
} from "./metrics/returns.ts";
export type { MetricOptions } from "./metrics/returns.ts";
export { costDrag, exposure, tradeStatistics, turnover, type Exposure, type TradeStatistics, type Turnover } from "./metrics/trades.ts";
export { ANNUALIZATION_FACTORS } from "./metrics/sample.ts";
export type { Period, Returns } from "./metrics/sample.ts";

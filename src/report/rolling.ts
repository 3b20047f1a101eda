/**
 * Rolling 6-month statistics of daily returns for the backtest tear sheet (pyfolio's rolling Sharpe,
 * volatility and beta plots), with ../backtest/metrics.ts's conventions: empyrical's, 252 periods a
 * year, ddof = 1, simple returns, NaN skipped within a window, riskFree 0.
 *
 * One row per full window, dated by the window's last day: window k covers returns k … k + window − 1.
 * sharpe = annualised Sharpe, volatility = annualised standard deviation, beta = cov(r, b) / var(b)
 * against the benchmark's returns (NaN without a benchmark or where not computable).
 */
import { annualVolatility, rollAlphaBeta, rollSharpeRatio } from "../backtest/metrics.ts";

/** 6 months of trading days. */
export const ROLLING_WINDOW = 126;

export interface RollingRow {
  readonly date: string;
  readonly sharpe: number;
  readonly volatility: number;
  readonly beta: number;
}

export function rollingStats(dates: readonly string[], returns: Float64Array, benchmark?: Float64Array, window = ROLLING_WINDOW): RollingRow[] {
  const sharpe = rollSharpeRatio(returns, { window });
  const beta = benchmark === undefined ? undefined : rollAlphaBeta(returns, benchmark, { window }).beta;
  return Array.from(sharpe, (value, k) => ({
    date: dates[k + window - 1],
    sharpe: value,
    volatility: annualVolatility(returns.subarray(k, k + window)),
    beta: beta === undefined ? NaN : beta[k],
  }));
}

/**
 * Annualised covariance estimates from daily returns (`returnsFromPrices`), matching
 * PyPortfolioOpt's `risk_models` with its defaults, each followed by the spectral PSD repair
 * (`psd.ts`, warned):
 *
 * - `sampleCovariance`: `sample_cov(frequency=252)`: pandas `returns.cov()` × 252, i.e. each pair
 *   over its pairwise-complete dates with its own means, ddof = 1.
 * - `semicovariance`: `semicovariance(benchmark=0.000079, frequency=252)`:
 *   Σ_t min(rᵢ − B, 0) · min(rⱼ − B, 0) / T × 252, T = all return dates; a missing return counts
 *   as no shortfall (numpy `fmin` ignores NaN), as in PyPortfolioOpt.
 * - `exponentialCovariance`: `exp_cov(span=180, frequency=252)`: for each pair, the pandas
 *   `ewm(span).mean()` at the last date of (rᵢ − mean rᵢ)(rⱼ − mean rⱼ), means over each asset's
 *   own dates, × 252.
 */
import type { Panel } from "../panel/index.ts";
import { OptimizationError } from "./errors.ts";
import { exponentialMean, TRADING_DAYS } from "./expected-returns.ts";
import { meanPresent, pairCovariance } from "./moments.ts";
import { fixNonPositiveSemidefinite } from "./psd.ts";
import { assetColumns, requireObservations } from "./returns.ts";
import type { CovarianceMatrix } from "./types.ts";

export interface RiskModelOptions {
  /** Periods per year; 252 for daily data. */
  readonly frequency?: number;
}

export function sampleCovariance(returns: Panel, options: RiskModelOptions = {}): CovarianceMatrix {
  requireObservations(returns, 2);
  const { frequency = TRADING_DAYS } = options;
  const columns = assetColumns(returns);
  const n = columns.length;
  const matrix = new Float64Array(n * n);
  const complete = columns.map((column) => column.every((r) => r === r));
  // Fast path for pairs with no missing data: centre each full column once.
  const centred = columns.map((column, i) => {
    if (!complete[i]) return column;
    const mean = meanPresent(column);
    return column.map((r) => r - mean);
  });
  const t = returns.dates.length;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let value: number;
      if (complete[i] && complete[j]) {
        const a = centred[i];
        const b = centred[j];
        let sum = 0;
        for (let d = 0; d < t; d++) sum += a[d] * b[d];
        value = sum / (t - 1);
      } else {
        value = pairCovariance(columns[i], columns[j], returns.tickers[i], returns.tickers[j]);
      }
      matrix[i * n + j] = value * frequency;
      matrix[j * n + i] = value * frequency;
    }
  }
  return finish(returns.tickers, matrix);
}

export function semicovariance(returns: Panel, options: RiskModelOptions & { readonly benchmark?: number } = {}): CovarianceMatrix {
  requireObservations(returns, 2);
  const { frequency = TRADING_DAYS, benchmark = 0.000079 } = options;
  const drops = assetColumns(returns).map((column) => column.map((r) => (r === r ? Math.min(r - benchmark, 0) : 0)));
  const n = drops.length;
  const t = returns.dates.length;
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = 0;
      for (let d = 0; d < t; d++) sum += drops[i][d] * drops[j][d];
      matrix[i * n + j] = matrix[j * n + i] = (sum / t) * frequency;
    }
  }
  return finish(returns.tickers, matrix);
}

export function exponentialCovariance(returns: Panel, options: RiskModelOptions & { readonly span?: number } = {}): CovarianceMatrix {
  requireObservations(returns, 2);
  const { frequency = TRADING_DAYS, span = 180 } = options;
  if (!(span >= 1)) throw new OptimizationError("invalid-input", `EMA span must be at least 1, got ${span}`);
  const deviations = assetColumns(returns).map((column) => {
    const mean = meanPresent(column);
    return column.map((r) => r - mean);
  });
  const n = deviations.length;
  const t = returns.dates.length;
  const covariation = new Float64Array(t);
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      for (let d = 0; d < t; d++) covariation[d] = deviations[i][d] * deviations[j][d];
      const value = exponentialMean(covariation, span);
      if (value !== value) {
        throw new OptimizationError("too-few-observations", `${returns.tickers[i]} and ${returns.tickers[j]} share no daily returns; their covariance is undefined`);
      }
      matrix[i * n + j] = matrix[j * n + i] = value * frequency;
    }
  }
  return finish(returns.tickers, matrix);
}

/** Applies the (warned) PSD repair and labels the matrix. */
export function finish(tickers: readonly string[], matrix: Float64Array): CovarianceMatrix {
  const { values, warnings } = fixNonPositiveSemidefinite(matrix, tickers.length);
  return { tickers, values, warnings };
}

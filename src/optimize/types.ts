/**
 * Shapes shared by the optimisation module.
 *
 * Units: expected returns and covariances are annualised (252 periods a year, PyPortfolioOpt's
 * `frequency=252`); weights are fractions of capital (1 = 100 %). Matrices are dense, row-major
 * Float64Array, `values[i * n + j]`, tickers in the order of `tickers`.
 */

/** One number per asset, e.g. annualised expected returns. */
export interface AssetVector {
  readonly tickers: readonly string[];
  readonly values: Float64Array;
}

/** An annualised covariance matrix (symmetric, positive semi-definite after repair). */
export interface CovarianceMatrix {
  readonly tickers: readonly string[];
  /** n × n, row-major. */
  readonly values: Float64Array;
  /** What was done to the estimate that a user must know, e.g. a non-PSD repair. Never silent. */
  readonly warnings: readonly string[];
}

/** Portfolio weights in ticker order, with any warnings raised while computing them. */
export interface PortfolioWeights {
  readonly tickers: readonly string[];
  readonly weights: Float64Array;
  readonly warnings: readonly string[];
}

/** PyPortfolioOpt's `portfolio_performance`: annualised return, volatility and Sharpe ratio. */
export interface PortfolioPerformance {
  readonly expectedReturn: number;
  readonly volatility: number;
  /** (return − risk-free) ÷ volatility; undefined when the volatility is zero. */
  readonly sharpe: number | undefined;
}

/**
 * Portfolio performance as PyPortfolioOpt's `base_optimizer.portfolio_performance`:
 * expected return wᵀμ, volatility √(wᵀΣw), Sharpe (wᵀμ − rf) / √(wᵀΣw). Annual units.
 */
import { OptimizationError } from "./errors.ts";
import { dot, quadraticForm } from "./linalg.ts";
import type { AssetVector, CovarianceMatrix, PortfolioPerformance } from "./types.ts";

export function portfolioPerformance(
  weights: Float64Array,
  expectedReturns: AssetVector,
  covariance: CovarianceMatrix,
  riskFreeRate = 0,
): PortfolioPerformance {
  const n = covariance.tickers.length;
  if (weights.length !== n || expectedReturns.values.length !== n) {
    throw new OptimizationError("invalid-input", `performance needs ${n} weights and expected returns, got ${weights.length} and ${expectedReturns.values.length}`);
  }
  const expectedReturn = dot(weights, expectedReturns.values);
  const volatility = Math.sqrt(Math.max(0, quadraticForm(covariance.values, n, weights)));
  return { expectedReturn, volatility, sharpe: volatility > 0 ? (expectedReturn - riskFreeRate) / volatility : undefined };
}

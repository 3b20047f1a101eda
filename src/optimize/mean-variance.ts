/**
 * Mean-variance portfolios, as PyPortfolioOpt's `EfficientFrontier` (weight_bounds=(0, 1) by
 * default) with the same objectives, so results agree with it on the same inputs:
 *
 * - `minVolatility`: min wᵀΣw + γ‖w‖²                                  (`min_volatility`)
 * - `maxSharpe`: max (μ − rf)ᵀw / √(wᵀΣw), by the Cornuejols-Tütüncü transformation
 *   min yᵀΣy + γ‖y‖² s.t. (μ − rf)ᵀy = 1, homogenised constraints, w = y / Σy   (`max_sharpe`)
 * - `maxQuadraticUtility`: max μᵀw − δ/2 wᵀΣw − γ‖w‖²                   (`max_quadratic_utility`)
 * - `efficientReturn`: min wᵀΣw + γ‖w‖² s.t. μᵀw ≥ target               (`efficient_return`)
 * - `efficientRisk`: max μᵀw − γ‖w‖² s.t. wᵀΣw ≤ target²                 (`efficient_risk`), see
 *   `efficient-risk.ts`.
 *
 * Units: μ and Σ annualised, rf annual, weights fractions of capital. Errors are typed
 * (`OptimizationError`); weights are never NaN.
 */
import { resolveConstraints, homogenizedSystem, linearSystem, variableCount, type PortfolioConstraints, type ResolvedConstraints } from "./constraints.ts";
import { OptimizationError } from "./errors.ts";
import { QpSolver, type LinearConstraint, type QpSolution } from "./qp.ts";
import type { AssetVector, CovarianceMatrix, PortfolioWeights } from "./types.ts";

export interface MaxSharpeOptions {
  /** Annual risk-free rate, default 0 (PyPortfolioOpt's `max_sharpe` has defaulted to 0.02: pass it explicitly when comparing). */
  readonly riskFreeRate?: number;
  readonly constraints?: PortfolioConstraints;
}

export function minVolatility(covariance: CovarianceMatrix, constraints?: PortfolioConstraints): PortfolioWeights {
  const resolved = prepare(covariance, undefined, constraints);
  const solution = solveOrExplain(portfolioHessian(covariance, resolved, 2), zeros(resolved), linearSystem(resolved), "minimum volatility");
  return output(resolved, solution.x, covariance.warnings);
}

export function maxSharpe(expectedReturns: AssetVector, covariance: CovarianceMatrix, options: MaxSharpeOptions = {}): PortfolioWeights {
  const { riskFreeRate = 0 } = options;
  if (!Number.isFinite(riskFreeRate)) throw new OptimizationError("invalid-input", `risk-free rate must be finite, got ${riskFreeRate}`);
  const resolved = prepare(covariance, expectedReturns, options.constraints);
  const n = resolved.tickers.length;
  let best = 0;
  for (let i = 1; i < n; i++) if (expectedReturns.values[i] > expectedReturns.values[best]) best = i;
  if (!(expectedReturns.values[best] > riskFreeRate)) {
    throw new OptimizationError(
      "no-asset-beats-risk-free",
      `no asset's expected return exceeds the risk-free rate ${riskFreeRate} (best: ${resolved.tickers[best]} at ${expectedReturns.values[best].toFixed(6)}), so the maximum Sharpe portfolio is undefined; lower the risk-free rate or use min-volatility`,
    );
  }
  const excess = expectedReturns.values.map((mu) => mu - riskFreeRate);
  let solution: QpSolution;
  try {
    solution = new QpSolver(portfolioHessian(covariance, resolved, 2), variableCount(resolved)).solve(zeros(resolved), homogenizedSystem(resolved, excess));
  } catch (error) {
    if (error instanceof OptimizationError && error.code === "infeasible") {
      throw new OptimizationError("infeasible", `no portfolio within the constraints has an expected return above the risk-free rate ${riskFreeRate}`);
    }
    throw error;
  }
  let scale = 0;
  for (let i = 0; i < n; i++) scale += solution.x[i];
  if (!(scale > 0)) {
    throw new OptimizationError("infeasible", "the maximum Sharpe problem has no fully invested solution under these constraints");
  }
  const weights = solution.x.slice(0, n).map((y) => y / scale);
  const warnings = [...covariance.warnings];
  if (resolved.l2Gamma > 0) {
    warnings.push("L2 regularisation in maximum Sharpe acts on the transformed variable y = k·w (as in PyPortfolioOpt), not on w itself");
  }
  return output(resolved, weights, warnings);
}

export function maxQuadraticUtility(
  expectedReturns: AssetVector,
  covariance: CovarianceMatrix,
  options: { readonly riskAversion?: number; readonly constraints?: PortfolioConstraints } = {},
): PortfolioWeights {
  const { riskAversion = 1 } = options;
  if (!(riskAversion > 0 && riskAversion < Infinity)) {
    throw new OptimizationError("invalid-input", `risk aversion must be a finite number > 0, got ${riskAversion}`);
  }
  const resolved = prepare(covariance, expectedReturns, options.constraints);
  const linear = zeros(resolved);
  for (let i = 0; i < resolved.tickers.length; i++) linear[i] = -expectedReturns.values[i];
  const solution = solveOrExplain(portfolioHessian(covariance, resolved, riskAversion), linear, linearSystem(resolved), "maximum quadratic utility");
  return output(resolved, solution.x, covariance.warnings);
}

export function efficientReturn(
  expectedReturns: AssetVector,
  covariance: CovarianceMatrix,
  options: { readonly targetReturn: number; readonly constraints?: PortfolioConstraints },
): PortfolioWeights {
  const { targetReturn } = options;
  if (!Number.isFinite(targetReturn)) throw new OptimizationError("invalid-input", `target return must be finite, got ${targetReturn}`);
  const resolved = prepare(covariance, expectedReturns, options.constraints);
  const highest = maxReturn(expectedReturns, resolved);
  const slack = 1e-12 * Math.max(1, Math.abs(highest));
  if (targetReturn > highest + slack) {
    throw new OptimizationError(
      "infeasible",
      `target return ${targetReturn} is above the maximum expected return ${highest.toFixed(6)} achievable under the constraints; lower the target return`,
    );
  }
  const row = returnRow(expectedReturns, Math.min(targetReturn, highest - slack));
  const solution = solveOrExplain(portfolioHessian(covariance, resolved, 2), zeros(resolved), linearSystem(resolved, [row]), "efficient return");
  return output(resolved, solution.x, covariance.warnings);
}

/** The highest expected return μᵀw over the feasible set (PyPortfolioOpt's `_max_return`), a linear program. */
export function maxReturn(expectedReturns: AssetVector, resolved: ResolvedConstraints): number {
  const size = variableCount(resolved);
  const linear = zeros(resolved);
  const n = resolved.tickers.length;
  for (let i = 0; i < n; i++) linear[i] = -expectedReturns.values[i];
  const solution = solveOrExplain(new Float64Array(size * size), linear, linearSystem(resolved), "maximum return");
  let value = 0;
  for (let i = 0; i < n; i++) value += expectedReturns.values[i] * solution.x[i];
  return value;
}

/** μᵀw ≥ target as a row over w. */
export function returnRow(expectedReturns: AssetVector, target: number): LinearConstraint {
  return { coefficients: expectedReturns.values, indices: Int32Array.from(expectedReturns.values, (_, i) => i), rhs: target };
}

/** Validates inputs and resolves constraints; μ and Σ must be finite and share tickers in order. */
export function prepare(covariance: CovarianceMatrix, expectedReturns: AssetVector | undefined, constraints: PortfolioConstraints | undefined): ResolvedConstraints {
  const n = covariance.tickers.length;
  if (n === 0) throw new OptimizationError("invalid-input", "no assets to optimise");
  if (covariance.values.length !== n * n) throw new OptimizationError("invalid-input", `covariance has ${covariance.values.length} entries for ${n} assets`);
  for (let k = 0; k < n * n; k++) {
    if (!Number.isFinite(covariance.values[k])) {
      throw new OptimizationError("invalid-input", `covariance of ${covariance.tickers[Math.floor(k / n)]} and ${covariance.tickers[k % n]} is ${covariance.values[k]}`);
    }
  }
  if (expectedReturns) {
    if (expectedReturns.tickers.length !== n || expectedReturns.tickers.some((ticker, i) => ticker !== covariance.tickers[i])) {
      throw new OptimizationError("invalid-input", "expected returns and covariance must list the same tickers in the same order");
    }
    expectedReturns.values.forEach((mu, i) => {
      if (!Number.isFinite(mu)) throw new OptimizationError("invalid-input", `expected return of ${expectedReturns.tickers[i]} is ${mu}`);
    });
  }
  return resolveConstraints(covariance.tickers, constraints);
}

/** G = covarianceScale · Σ + 2γ I on the weights block, zero on auxiliaries. */
export function portfolioHessian(covariance: CovarianceMatrix, resolved: ResolvedConstraints, covarianceScale: number, ridgeScale = 1): Float64Array {
  const n = resolved.tickers.length;
  const size = variableCount(resolved);
  const g = new Float64Array(size * size);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) g[i * size + j] = covarianceScale * covariance.values[i * n + j];
    g[i * size + i] += 2 * resolved.l2Gamma * ridgeScale;
  }
  return g;
}

export function zeros(resolved: ResolvedConstraints): Float64Array {
  return new Float64Array(variableCount(resolved));
}

/** Solves, turning the solver's generic infeasibility into one that names the portfolio problem. */
export function solveOrExplain(hessian: Float64Array, linear: Float64Array, system: ReturnType<typeof linearSystem>, problem: string): QpSolution {
  try {
    return new QpSolver(hessian, linear.length).solve(linear, system);
  } catch (error) {
    if (error instanceof OptimizationError && error.code === "infeasible") {
      throw new OptimizationError("infeasible", `no portfolio satisfies the constraints (bounds, group limits, turnover) for ${problem}; relax them`);
    }
    throw error;
  }
}

/**
 * The weights block of a solution, checked finite and rounded to 16 decimals as PyPortfolioOpt
 * does (`w.round(16) + 0.0`), which turns rounding-level values such as −3e-17 into 0.
 */
export function output(resolved: ResolvedConstraints, x: Float64Array, warnings: readonly string[]): PortfolioWeights {
  const n = resolved.tickers.length;
  const weights = x.slice(0, n);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(weights[i])) throw new OptimizationError("not-converged", `the optimiser produced a non-finite weight for ${resolved.tickers[i]}`);
    weights[i] = Math.round(weights[i] * 1e16) / 1e16 + 0;
  }
  return { tickers: resolved.tickers, weights, warnings };
}

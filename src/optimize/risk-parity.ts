/**
 * Risk budgeting portfolios (long-only, fully invested, no other constraints):
 *
 * - `riskParity`: weights whose risk contributions RCᵢ = wᵢ (Σw)ᵢ / wᵀΣw equal the budgets bᵢ
 *   (equal risk contribution when no budgets are given). Solved by Newton's method on Spinu's
 *   strictly convex formulation (F. Spinu, "An algorithm for computing risk parity weights", 2013):
 *   min ½ yᵀΣy − Σ bᵢ ln yᵢ over y > 0, whose stationarity yᵢ (Σy)ᵢ = bᵢ is exactly the budget
 *   condition; w = y / Σy. Stops when every |yᵢ (Σy)ᵢ − bᵢ| ≤ 1e-14 (relative to the budgets).
 * - `inverseVolatility`: wᵢ ∝ 1 / σᵢ (the ERC portfolio when all correlations are equal).
 *
 * Neither has a PyPortfolioOpt counterpart; constraints beyond the defaults are refused with
 * `unsupported-constraint` rather than ignored.
 */
import { OptimizationError } from "./errors.ts";
import { cholesky, dot, matVec, solveCholesky } from "./linalg.ts";
import type { PortfolioConstraints } from "./constraints.ts";
import { prepare } from "./mean-variance.ts";
import type { CovarianceMatrix, PortfolioWeights } from "./types.ts";

const BUDGET_TOLERANCE = 1e-14;
const MAX_NEWTON_STEPS = 200;

export function riskParity(
  covariance: CovarianceMatrix,
  options: { readonly budgets?: Float64Array; readonly constraints?: PortfolioConstraints } = {},
): PortfolioWeights {
  refuseConstraints("risk parity", options.constraints);
  prepare(covariance, undefined, undefined);
  const n = covariance.tickers.length;
  const sigma = covariance.values;
  const budgets = options.budgets ?? new Float64Array(n).fill(1 / n);
  if (budgets.length !== n) throw new OptimizationError("invalid-input", `${budgets.length} risk budgets for ${n} assets`);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!(budgets[i] > 0 && budgets[i] < Infinity)) {
      throw new OptimizationError("invalid-input", `risk budget of ${covariance.tickers[i]} must be > 0, got ${budgets[i]}`);
    }
    total += budgets[i];
  }
  if (Math.abs(total - 1) > 1e-9) throw new OptimizationError("invalid-input", `risk budgets must sum to 1, got ${total}`);
  for (let i = 0; i < n; i++) {
    if (!(sigma[i * n + i] > 0)) throw new OptimizationError("invalid-input", `${covariance.tickers[i]} has zero variance; its risk contribution cannot match a budget`);
  }

  // Start from inverse volatility scaled to unit variance.
  let y = Float64Array.from({ length: n }, (_, i) => 1 / Math.sqrt(sigma[i * n + i]));
  const startVariance = dot(y, matVec(sigma, n, y));
  y = y.map((v) => v / Math.sqrt(startVariance));
  const objective = (v: Float64Array, sv: Float64Array): number => {
    let f = 0.5 * dot(v, sv);
    for (let i = 0; i < n; i++) f -= budgets[i] * Math.log(v[i]);
    return f;
  };
  let sy = matVec(sigma, n, y);
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(y[i] * sy[i] - budgets[i]) / budgets[i]);
    if (worst <= BUDGET_TOLERANCE) return normalised(covariance, y);
    const gradient = Float64Array.from({ length: n }, (_, i) => sy[i] - budgets[i] / y[i]);
    const hessian = Float64Array.from(sigma);
    for (let i = 0; i < n; i++) hessian[i * n + i] += budgets[i] / (y[i] * y[i]);
    const factor = cholesky(hessian, n, 0);
    if (!factor) throw new OptimizationError("invalid-input", "covariance is not positive semi-definite; risk parity is undefined");
    const direction = solveCholesky(factor, n, gradient).map((g) => -g);
    // Stay inside y > 0, then backtrack (Armijo) on the convex objective.
    let length = 1;
    for (let i = 0; i < n; i++) if (direction[i] < 0) length = Math.min(length, -0.99 * y[i] / direction[i]);
    const f0 = objective(y, sy);
    const slope = dot(gradient, direction);
    let next = y;
    let sNext = sy;
    // Near the solution (Newton decrement below rounding of F) the full step is taken: the
    // objective can no longer resolve the decrease, and Newton converges quadratically there.
    const nearSolution = -slope <= 1e-12 * (1 + Math.abs(f0));
    for (let k = 0; k < 60; k++) {
      next = y.map((v, i) => v + length * direction[i]);
      sNext = matVec(sigma, n, next);
      if (nearSolution || objective(next, sNext) <= f0 + 1e-4 * length * slope || length < 1e-12) break;
      length /= 2;
    }
    y = next;
    sy = sNext;
  }
  throw new OptimizationError("not-converged", `risk parity did not meet its budgets within ${MAX_NEWTON_STEPS} Newton steps`);
}

export function inverseVolatility(covariance: CovarianceMatrix, constraints?: PortfolioConstraints): PortfolioWeights {
  refuseConstraints("inverse volatility", constraints);
  prepare(covariance, undefined, undefined);
  const n = covariance.tickers.length;
  const inverse = Float64Array.from({ length: n }, (_, i) => {
    const variance = covariance.values[i * n + i];
    if (!(variance > 0)) throw new OptimizationError("invalid-input", `${covariance.tickers[i]} has zero variance; inverse volatility is undefined`);
    return 1 / Math.sqrt(variance);
  });
  return normalised(covariance, inverse);
}

/** Risk contributions wᵢ (Σw)ᵢ / wᵀΣw, which sum to 1. */
export function riskContributions(covariance: CovarianceMatrix, weights: Float64Array): Float64Array {
  const n = covariance.tickers.length;
  const sw = matVec(covariance.values, n, weights);
  const variance = dot(weights, sw);
  return weights.map((w, i) => (w * sw[i]) / variance);
}

function refuseConstraints(method: string, constraints: PortfolioConstraints | undefined): void {
  if (!constraints) return;
  const given = Object.entries(constraints).filter(([, value]) => value !== undefined).map(([key]) => key);
  if (given.length > 0) {
    throw new OptimizationError("unsupported-constraint", `${method} is long-only and fully invested by construction and takes no ${given.join(", ")}; drop them or use a mean-variance method`);
  }
}

function normalised(covariance: CovarianceMatrix, raw: Float64Array): PortfolioWeights {
  let total = 0;
  for (const v of raw) total += v;
  return { tickers: covariance.tickers, weights: raw.map((v) => v / total), warnings: covariance.warnings };
}

/**
 * Maximum return at a target volatility, PyPortfolioOpt's `efficient_risk`:
 *
 *   maximise μᵀw − γ‖w‖²   subject to   wᵀΣw ≤ σ*²  and the linear constraints.
 *
 * Method (why not a conic solver): the problem is convex and its only non-linear constraint
 * is the variance, so by Lagrangian duality its solution is the frontier portfolio
 *   w(t) = argmin wᵀΣw + γ t ‖w‖² − t μᵀw   (linear constraints only; t = 1/λ ≥ 0)
 * whose variance V(t) is continuous and non-decreasing in t (parametric argument: for t₁ < t₂,
 * adding the two optimality inequalities gives V(t₁) ≤ V(t₂)). t = 0 is the minimum-variance
 * portfolio; t → ∞ tends to the top of the frontier (max μᵀw − γ‖w‖², ties broken by least
 * variance). So: if σ* is below the minimum volatility → `infeasible`; if the top already has
 * volatility ≤ σ* the risk constraint is slack (λ = 0) and the top is optimal; otherwise the
 * Illinois (modified regula falsi) root of V(t) = σ*² gives the optimum with the risk
 * constraint active and multiplier λ = 1/t: KKT holds exactly, as each QP is solved exactly.
 *
 * Finding the top: with γ > 0 it is the strictly concave max μᵀw − γ‖w‖². With γ = 0 the path w(t)
 * is piecewise linear and bounded, so it reaches the top at a finite t: a w(t) whose return equals
 * the linear program's maximum μ* is the least-variance portfolio of return μ* (any other w′ of that
 * return has w′ᵀΣw′ − tμ* ≥ w(t)ᵀΣw(t) − tμ*). The bracketing search stops there. (Solving
 * "min variance s.t. μᵀw ≥ μ*" directly is degenerate at a vertex of the feasible set, the usual
 * case with shorts allowed, and the active-set solver then reports it infeasible.)
 */
import { linearSystem, variableCount, type PortfolioConstraints, type ResolvedConstraints } from "./constraints.ts";
import { OptimizationError } from "./errors.ts";
import { quadraticForm } from "./linalg.ts";
import { maxReturn, output, portfolioHessian, prepare, solveOrExplain, zeros } from "./mean-variance.ts";
import { QpSolver } from "./qp.ts";
import type { AssetVector, CovarianceMatrix, PortfolioWeights } from "./types.ts";

export interface EfficientRiskResult extends PortfolioWeights {
  /**
   * λ of the risk constraint λ (wᵀΣw − σ*²); 0 when the target volatility is not binding,
   * undefined when the target equals the minimum volatility (no finite multiplier exists).
   */
  readonly riskMultiplier: number | undefined;
}

const ROOT_TOLERANCE = 1e-13;
const MAX_ROOT_ITERATIONS = 300;
/** A frontier portfolio within this relative distance of the maximum return is the top. */
const TOP_TOLERANCE = 1e-11;

export function efficientRisk(
  expectedReturns: AssetVector,
  covariance: CovarianceMatrix,
  options: { readonly targetVolatility: number; readonly constraints?: PortfolioConstraints },
): EfficientRiskResult {
  const { targetVolatility } = options;
  if (!(targetVolatility > 0 && targetVolatility < Infinity)) {
    throw new OptimizationError("invalid-input", `target volatility must be a finite number > 0, got ${targetVolatility}`);
  }
  const resolved = prepare(covariance, expectedReturns, options.constraints);
  const n = resolved.tickers.length;
  const targetVariance = targetVolatility * targetVolatility;
  const variance = (x: Float64Array): number => quadraticForm(covariance.values, n, x.subarray(0, n) as Float64Array);
  const frontier = frontierSolver(expectedReturns, covariance, resolved);

  const bottom = frontier(0);
  const minimumVariance = variance(bottom);
  if (minimumVariance > targetVariance * (1 + ROOT_TOLERANCE)) {
    throw new OptimizationError(
      "infeasible",
      `target volatility ${targetVolatility} is below the minimum volatility ${Math.sqrt(minimumVariance).toFixed(6)} achievable under the constraints; raise the target volatility`,
    );
  }
  if (minimumVariance >= targetVariance) return { ...output(resolved, bottom, covariance.warnings), riskMultiplier: undefined };

  const isTop = topOfFrontier(expectedReturns, covariance, resolved);
  const slack = (x: Float64Array): EfficientRiskResult => ({ ...output(resolved, x, covariance.warnings), riskMultiplier: 0 });
  if (isTop.top !== undefined && variance(isTop.top) <= targetVariance) return slack(isTop.top);

  // Bracket the root of g(t) = V(t) − σ*² between t = 0 (g < 0) and a growing upper end.
  let lo = 0;
  let gLo = minimumVariance - targetVariance;
  let hi = 1;
  let xHi = frontier(hi);
  let gHi = variance(xHi) - targetVariance;
  for (let k = 0; gHi < 0; k++) {
    if (isTop.reached(xHi)) return slack(xHi);
    if (k > 200) throw new OptimizationError("not-converged", "could not bracket the target volatility on the efficient frontier");
    lo = hi;
    gLo = gHi;
    hi *= 4;
    xHi = frontier(hi);
    gHi = variance(xHi) - targetVariance;
  }
  let best = { t: hi, x: xHi, g: gHi };
  let lastSide = 0;
  for (let k = 0; k < MAX_ROOT_ITERATIONS; k++) {
    if (Math.abs(best.g) <= ROOT_TOLERANCE * targetVariance) break;
    let t = (lo * gHi - hi * gLo) / (gHi - gLo);
    if (!(t > lo && t < hi)) t = 0.5 * (lo + hi);
    const x = frontier(t);
    const g = variance(x) - targetVariance;
    if (Math.abs(g) < Math.abs(best.g)) best = { t, x, g };
    if (hi - lo <= 1e-15 * hi) break;
    if (g > 0) {
      hi = t;
      gHi = g;
      if (lastSide === 1) gLo /= 2;
      lastSide = 1;
    } else {
      lo = t;
      gLo = g;
      if (lastSide === -1) gHi /= 2;
      lastSide = -1;
    }
  }
  if (Math.abs(best.g) > 1e-9 * targetVariance) {
    throw new OptimizationError("not-converged", `efficient risk search stopped at volatility ${Math.sqrt(best.g + targetVariance)} for target ${targetVolatility}`);
  }
  return { ...output(resolved, best.x, covariance.warnings), riskMultiplier: 1 / best.t };
}

/** t ↦ argmin wᵀΣw + γt‖w‖² − tμᵀw; the Hessian is factorised once when γ = 0. */
function frontierSolver(expectedReturns: AssetVector, covariance: CovarianceMatrix, resolved: ResolvedConstraints): (t: number) => Float64Array {
  const n = resolved.tickers.length;
  const system = linearSystem(resolved);
  const fixed = resolved.l2Gamma === 0 ? new QpSolver(portfolioHessian(covariance, resolved, 2), variableCount(resolved)) : undefined;
  return (t) => {
    const linear = zeros(resolved);
    for (let i = 0; i < n; i++) linear[i] = -t * expectedReturns.values[i];
    const solver = fixed ?? new QpSolver(portfolioHessian(covariance, resolved, 2, t), variableCount(resolved));
    try {
      return solver.solve(linear, system).x;
    } catch (error) {
      if (error instanceof OptimizationError && error.code === "infeasible") {
        throw new OptimizationError("infeasible", "no portfolio satisfies the constraints (bounds, group limits, turnover) for efficient risk; relax them");
      }
      throw error;
    }
  };
}

/**
 * The t → ∞ end of the frontier. γ > 0: `top` = argmax μᵀw − γ‖w‖² (and the path only tends to it).
 * γ = 0: no `top` up front; `reached(w)` says whether a frontier portfolio has the maximum return.
 */
function topOfFrontier(
  expectedReturns: AssetVector,
  covariance: CovarianceMatrix,
  resolved: ResolvedConstraints,
): { readonly top?: Float64Array; readonly reached: (x: Float64Array) => boolean } {
  const n = resolved.tickers.length;
  if (resolved.l2Gamma > 0) {
    const linear = zeros(resolved);
    for (let i = 0; i < n; i++) linear[i] = -expectedReturns.values[i];
    const ridgeOnly = portfolioHessian(covariance, resolved, 0);
    return { top: solveOrExplain(ridgeOnly, linear, linearSystem(resolved), "efficient risk").x, reached: () => false };
  }
  const highest = maxReturn(expectedReturns, resolved);
  const tolerance = TOP_TOLERANCE * Math.max(1, Math.abs(highest));
  return {
    reached: (x) => {
      let value = 0;
      for (let i = 0; i < n; i++) value += expectedReturns.values[i] * x[i];
      return value >= highest - tolerance;
    },
  };
}

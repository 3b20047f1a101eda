/**
 * Hierarchical risk parity (M. López de Prado, 2016) as PyPortfolioOpt's `HRPOpt.optimize(linkage_method)`,
 * in its two forms:
 *
 * - `hierarchicalRiskParityFromReturns(returns)` = `HRPOpt(returns)`: correlation and covariance are
 *   pandas' `returns.corr()` and `returns.cov()`, each pair over the dates both assets have a return
 *   (ddof 1, correlation clipped to [−1, 1]), unrepaired and unrounded. On ragged histories (assets
 *   starting on different dates) this differs from deriving ρ from the covariance matrix, because
 *   each pair's correlation uses the variances over the pair's common dates only.
 * - `hierarchicalRiskParity(S)` = `HRPOpt(cov_matrix=S)`: ρ = D⁻¹ S D⁻¹ rounded to 6 decimals
 *   (`cov_to_corr(S).round(6)`), covariance S.
 *
 * Then, identically:
 * 1. distance dᵢⱼ = √(clip((1 − ρᵢⱼ) / 2, 0, 1)), condensed (upper triangle, `squareform(checks=False)`);
 * 2. scipy linkage ("single" by default, or "ward") and the leaf order of `to_tree(Z).pre_order()`
 *    (linkage.ts);
 * 3. recursive bisection of that ordered list into halves (⌊len/2⌋ first), each half's variance
 *    taken at its inverse-variance weights within the sub-covariance, α = 1 − V₁ / (V₁ + V₂) to the
 *    first half, 1 − α to the second (`_raw_hrp_allocation`).
 *
 * Long-only, fully invested by construction; no constraints. Scale-free in the covariance
 * (annualising changes nothing).
 */
import type { Panel } from "../panel/index.ts";
import { OptimizationError } from "./errors.ts";
import { leafOrder, linkage, type LinkageMethod } from "./linkage.ts";
import { prepare } from "./mean-variance.ts";
import { pairCorrelation, pairCovariance } from "./moments.ts";
import { assetColumns, requireObservations } from "./returns.ts";
import type { CovarianceMatrix, PortfolioWeights } from "./types.ts";

export interface HrpOptions {
  readonly linkage?: LinkageMethod;
}

/** `HRPOpt(cov_matrix=S)`: correlation from S, rounded to 6 decimals. */
export function hierarchicalRiskParity(covariance: CovarianceMatrix, options: HrpOptions = {}): PortfolioWeights {
  prepare(covariance, undefined, undefined);
  const n = covariance.tickers.length;
  const s = covariance.values;
  requirePositiveVariances(covariance.tickers, s);
  const correlation = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) correlation[i * n + j] = roundHalfEven(s[i * n + j] / Math.sqrt(s[i * n + i] * s[j * n + j]), 6);
  }
  return allocate(covariance.tickers, correlation, s, options, covariance.warnings);
}

/** `HRPOpt(returns)`: pairwise-complete correlation and covariance of daily returns (returns.ts). */
export function hierarchicalRiskParityFromReturns(returns: Panel, options: HrpOptions = {}): PortfolioWeights {
  requireObservations(returns, 2);
  const { tickers } = returns;
  const columns = assetColumns(returns);
  const n = tickers.length;
  const covariance = new Float64Array(n * n);
  const correlation = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      covariance[i * n + j] = covariance[j * n + i] = pairCovariance(columns[i], columns[j], tickers[i], tickers[j]);
      correlation[i * n + j] = correlation[j * n + i] = pairCorrelation(columns[i], columns[j], tickers[i], tickers[j]);
    }
  }
  requirePositiveVariances(tickers, covariance);
  for (let k = 0; k < n * n; k++) {
    if (correlation[k] !== correlation[k]) {
      const [a, b] = [tickers[Math.floor(k / n)], tickers[k % n]];
      throw new OptimizationError("invalid-input", `${a} or ${b} does not move over the dates they share, so their correlation is undefined; drop one of them`);
    }
  }
  return allocate(tickers, correlation, covariance, options, []);
}

function allocate(tickers: readonly string[], correlation: Float64Array, s: Float64Array, options: HrpOptions, warnings: readonly string[]): PortfolioWeights {
  const method = options.linkage ?? "single";
  if (method !== "single" && method !== "ward") throw new OptimizationError("invalid-input", `linkage must be "single" or "ward", got "${String(method)}"`);
  const n = tickers.length;
  const distance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      // The condensed matrix reads the upper triangle only; mirror it so `linkage` sees the same.
      const rho = correlation[Math.min(i, j) * n + Math.max(i, j)];
      distance[i * n + j] = i === j ? 0 : Math.sqrt(Math.min(1, Math.max(0, (1 - rho) / 2)));
    }
  }
  const order = leafOrder(linkage(distance, n, method), n);
  const weights = new Float64Array(n).fill(1);
  let clusters = [order];
  while (clusters.length > 0) {
    clusters = clusters.filter((c) => c.length > 1).flatMap((c) => [c.slice(0, c.length >> 1), c.slice(c.length >> 1)]);
    for (let k = 0; k < clusters.length; k += 2) {
      const first = clusterVariance(s, n, clusters[k]);
      const second = clusterVariance(s, n, clusters[k + 1]);
      const alpha = 1 - first / (first + second);
      for (const i of clusters[k]) weights[i] *= alpha;
      for (const i of clusters[k + 1]) weights[i] *= 1 - alpha;
    }
  }
  return { tickers, weights, warnings };
}

function requirePositiveVariances(tickers: readonly string[], s: Float64Array): void {
  const n = tickers.length;
  for (let i = 0; i < n; i++) {
    if (!(s[i * n + i] > 0)) throw new OptimizationError("invalid-input", `${tickers[i]} has zero variance; HRP's inverse-variance weights are undefined`);
  }
}

/** Variance of a cluster held at inverse-variance weights. */
function clusterVariance(s: Float64Array, n: number, members: readonly number[]): number {
  const w = members.map((i) => 1 / s[i * n + i]);
  const total = w.reduce((a, b) => a + b, 0);
  let variance = 0;
  for (let a = 0; a < members.length; a++) {
    for (let b = 0; b < members.length; b++) variance += (w[a] / total) * (w[b] / total) * s[members[a] * n + members[b]];
  }
  return variance;
}

/** numpy's `round(x, decimals)`: scale, round half to even, unscale. */
export function roundHalfEven(x: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = x * factor;
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  const rounded = fraction > 0.5 || (fraction === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  return rounded / factor;
}

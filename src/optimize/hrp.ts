/**
 * Hierarchical risk parity (M. López de Prado, 2016) as PyPortfolioOpt's
 * `HRPOpt(cov_matrix=S).optimize(linkage_method)`:
 *
 * 1. correlation ρ = D⁻¹ S D⁻¹ rounded to 6 decimals (PyPortfolioOpt's `cov_to_corr(S).round(6)`),
 *    distance dᵢⱼ = √(clip((1 − ρᵢⱼ) / 2, 0, 1));
 * 2. scipy linkage ("single" by default, or "ward") and its pre-order leaf sequence;
 * 3. recursive bisection of that sequence into halves (⌊len/2⌋ first), each half's variance
 *    taken at inverse-variance weights, α = 1 − V₁ / (V₁ + V₂) to the first half, 1 − α to the second.
 *
 * Long-only, fully invested by construction; no constraints. Scale-free in S (annualising
 * changes nothing).
 */
import { OptimizationError } from "./errors.ts";
import { leafOrder, linkage, type LinkageMethod } from "./linkage.ts";
import { prepare } from "./mean-variance.ts";
import type { CovarianceMatrix, PortfolioWeights } from "./types.ts";

export function hierarchicalRiskParity(covariance: CovarianceMatrix, options: { readonly linkage?: LinkageMethod } = {}): PortfolioWeights {
  const method = options.linkage ?? "single";
  if (method !== "single" && method !== "ward") throw new OptimizationError("invalid-input", `linkage must be "single" or "ward", got "${String(method)}"`);
  prepare(covariance, undefined, undefined);
  const n = covariance.tickers.length;
  const s = covariance.values;
  for (let i = 0; i < n; i++) {
    if (!(s[i * n + i] > 0)) throw new OptimizationError("invalid-input", `${covariance.tickers[i]} has zero variance; HRP's inverse-variance weights are undefined`);
  }
  const distance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const correlation = roundHalfEven(s[i * n + j] / Math.sqrt(s[i * n + i] * s[j * n + j]), 6);
      distance[i * n + j] = Math.sqrt(Math.min(1, Math.max(0, (1 - correlation) / 2)));
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
  return { tickers: covariance.tickers, weights, warnings: covariance.warnings };
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

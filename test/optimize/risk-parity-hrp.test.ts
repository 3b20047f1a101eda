/**
 * Risk budgeting, inverse volatility and HRP on hand-checked cases. HRP mirrors PyPortfolioOpt's
 * `HRPOpt(cov_matrix=S).optimize(linkage_method="single" | "ward")`; the trees below are worked
 * out by hand from the distances dᵢⱼ = √((1 − ρᵢⱼ) / 2) and scipy's linkage conventions.
 */
import { describe, expect, it } from "vitest";
import { hierarchicalRiskParity, inverseVolatility, riskContributions, riskParity, type CovarianceMatrix } from "../../src/optimize/index.ts";
import { leafOrder, linkage } from "../../src/optimize/linkage.ts";
import { mulberry32, normalSampler } from "../../src/synthetic/random.ts";

function fromCorrelation(tickers: string[], vols: number[], correlation: number[][]): CovarianceMatrix {
  const values = vols.flatMap((si, i) => vols.map((sj, j) => correlation[i][j] * si * sj));
  return { tickers, values: Float64Array.from(values), warnings: [] };
}

describe("risk parity", () => {
  it("two assets: w ∝ 1/σ whatever the correlation", () => {
    const s = fromCorrelation(["X", "Y"], [0.2, 0.3], [[1, 0.6], [0.6, 1]]);
    const w = riskParity(s).weights;
    expect(w[0]).toBeCloseTo(0.6, 14);
    expect(w[1]).toBeCloseTo(0.4, 14);
  });

  it("equal correlations: ERC equals inverse volatility", () => {
    const vols = [0.1, 0.2, 0.25, 0.4];
    const rho = vols.map((_, i) => vols.map((_, j) => (i === j ? 1 : 0.3)));
    const s = fromCorrelation(["A", "B", "C", "D"], vols, rho);
    const erc = riskParity(s).weights;
    const total = vols.reduce((sum, v) => sum + 1 / v, 0);
    vols.forEach((v, i) => {
      expect(erc[i]).toBeCloseTo(1 / v / total, 13);
      expect(inverseVolatility(s).weights[i]).toBeCloseTo(1 / v / total, 15);
    });
  });

  it("random covariance: contributions equal, or equal to the given budgets", () => {
    const normal = normalSampler(mulberry32(9));
    const n = 6;
    const b = Array.from({ length: n * 9 }, () => normal());
    const values = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < 9; k++) values[i * n + j] += (b[i * 9 + k] * b[j * 9 + k]) / 100;
    const s: CovarianceMatrix = { tickers: ["A", "B", "C", "D", "E", "F"], values, warnings: [] };
    const equal = riskContributions(s, riskParity(s).weights);
    equal.forEach((rc) => expect(rc).toBeCloseTo(1 / n, 13));
    const budgets = Float64Array.from([0.05, 0.1, 0.15, 0.2, 0.2, 0.3]);
    const weights = riskParity(s, { budgets }).weights;
    riskContributions(s, weights).forEach((rc, i) => expect(rc).toBeCloseTo(budgets[i], 13));
    expect(weights.reduce((sum, w) => sum + w, 0)).toBeCloseTo(1, 15);
  });

  it("refuses constraints it cannot honour", () => {
    const s = fromCorrelation(["X", "Y"], [0.2, 0.3], [[1, 0], [0, 1]]);
    expect(() => riskParity(s, { constraints: { bounds: [0, 0.5] } })).toThrow(
      expect.objectContaining({
        code: "unsupported-constraint",
        message: "risk parity is long-only and fully invested by construction and takes no bounds; drop them or use a mean-variance method",
      }),
    );
  });
});

describe("hierarchical risk parity", () => {
  /** Variance of a cluster at inverse-variance weights. */
  const clusterVariance = (s: CovarianceMatrix, members: number[]) => {
    const n = s.tickers.length;
    const inv = members.map((i) => 1 / s.values[i * n + i]);
    const total = inv.reduce((a, b) => a + b, 0);
    return members.reduce((sum, i, a) => sum + members.reduce((inner, j, b) => inner + (inv[a] / total) * (inv[b] / total) * s.values[i * n + j], 0), 0);
  };
  /** Weights of the bisection [first | second], each half split again into its two singletons. */
  const bisect = (s: CovarianceMatrix, order: number[]) => {
    const w = new Array(order.length).fill(1);
    const n = s.tickers.length;
    const split = (left: number[], right: number[]) => {
      const v1 = clusterVariance(s, left);
      const v2 = clusterVariance(s, right);
      const alpha = 1 - v1 / (v1 + v2);
      left.forEach((i) => (w[i] *= alpha));
      right.forEach((i) => (w[i] *= 1 - alpha));
    };
    split(order.slice(0, 2), order.slice(2));
    split([order[0]], [order[1]]);
    split([order[2]], [order[3]]);
    expect(n).toBe(4);
    return w;
  };

  it("single linkage reorders clustered assets: tickers [A, C, B, D] with A~B and C~D give order A, B, C, D", () => {
    // ρ(A,B) = 0.9, ρ(C,D) = 0.7: d(A,B) = √0.05 merges first (cluster 4 = {0, 2}), then d(C,D) = √0.15
    // (cluster 5 = {1, 3}), then [4, 5]; pre-order 0, 2, 1, 3 = A, B, C, D.
    const tickers = ["A", "C", "B", "D"];
    const rho = [
      [1, 0.2, 0.9, 0.1],
      [0.2, 1, 0.3, 0.7],
      [0.9, 0.3, 1, 0.2],
      [0.1, 0.7, 0.2, 1],
    ];
    const s = fromCorrelation(tickers, [0.2, 0.3, 0.25, 0.1], rho);
    // [A, B] vs [C, D]: V₁ = 77/1681 (weights 25/41, 16/41), V₂ = 0.01278 (weights 0.1, 0.9).
    const v1 = 77 / 1681;
    const v2 = 0.01278;
    const alpha = 1 - v1 / (v1 + v2);
    const expected = [alpha * (0.0625 / 0.1025), (1 - alpha) * 0.1, alpha * (0.04 / 0.1025), (1 - alpha) * 0.9];
    const w = hierarchicalRiskParity(s).weights;
    expected.forEach((e, i) => expect(w[i]).toBeCloseTo(e, 14));
    expect(clusterVariance(s, [0, 2])).toBeCloseTo(v1, 15);
    expect(clusterVariance(s, [1, 3])).toBeCloseTo(v2, 15);
  });

  it("single and Ward linkage on a chain: orders [3, 2, 0, 1] and [0, 1, 2, 3]", () => {
    // Points on a line at 0, 0.2, 0.42, 0.66 as distances: ρ = 1 − 2d².
    // Single: (0,1) at 0.2 → 4; (2,4) at 0.22 → 5; (3,5) at 0.24 → pre-order 3, 2, 0, 1.
    // Ward: (0,1) at 0.2; d(01,2) = √((2·0.42² + 2·0.22² − 0.2²)/3) = 0.3695 > d(2,3) = 0.24, so (2,3);
    // then (4,5) → pre-order 0, 1, 2, 3.
    const position = [0, 0.2, 0.42, 0.66];
    const rho = position.map((a) => position.map((b) => 1 - 2 * (a - b) ** 2));
    const s = fromCorrelation(["W", "X", "Y", "Z"], [0.1, 0.2, 0.15, 0.25], rho);
    const single = hierarchicalRiskParity(s, { linkage: "single" }).weights;
    const ward = hierarchicalRiskParity(s, { linkage: "ward" }).weights;
    bisect(s, [3, 2, 0, 1]).forEach((e, i) => expect(single[i]).toBeCloseTo(e, 14));
    bisect(s, [0, 1, 2, 3]).forEach((e, i) => expect(ward[i]).toBeCloseTo(e, 14));
    // With four leaves both trees pair {0, 1} and {2, 3}, so the weights agree; the trees differ:
    const distance = Float64Array.from(position.flatMap((a) => position.map((b) => Math.abs(a - b))));
    const round = (z: Float64Array) => Array.from(z, (v) => Math.round(v * 1e12) / 1e12);
    expect(round(linkage(distance, 4, "single"))).toEqual([0, 1, 0.2, 2, 2, 4, 0.22, 3, 3, 5, 0.24, 4]);
    // Ward's last height: √((3·0.41813… + 3·0.13653… − 2·0.24²)/4) = √0.3872.
    expect(round(linkage(distance, 4, "ward"))).toEqual([0, 1, 0.2, 2, 2, 3, 0.24, 2, 4, 5, Math.round(Math.sqrt(0.3872) * 1e12) / 1e12, 4]);
    expect(leafOrder(linkage(distance, 4, "single"), 4)).toEqual([3, 2, 0, 1]);
    expect(leafOrder(linkage(distance, 4, "ward"), 4)).toEqual([0, 1, 2, 3]);
  });
});

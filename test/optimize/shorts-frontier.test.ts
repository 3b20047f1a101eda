/**
 * Efficient risk and efficient return with shorts allowed, fully invested and market-neutral, as
 * PyPortfolioOpt's `efficient_risk(σ*, market_neutral)` / `efficient_return(r*, market_neutral)` solve
 * them (max μᵀw s.t. wᵀΣw ≤ σ*²; min wᵀΣw s.t. μᵀw ≥ r*; Σw = 1 or Σw = 0; bounds).
 *
 * Expected numbers are the Lagrangian closed forms with no bound binding (w ∝ Σ⁻¹(μ − γ1)), written
 * with A = 1ᵀΣ⁻¹1, B = 1ᵀΣ⁻¹μ, C = μᵀΣ⁻¹μ, D = AC − B²:
 * - fully invested frontier: w(r) = ((C − Br) Σ⁻¹1 + (Ar − B) Σ⁻¹μ) / D, σ²(r) = (Ar² − 2Br + C) / D, so the
 *   efficient-risk return at σ* is r = B/A + √(D/A · (σ*² − 1/A));
 * - market-neutral: w = k Σ⁻¹(μ − (B/A) 1) with μᵀw = k (C − B²/A) and wᵀΣw = k² (C − B²/A).
 */
import { describe, expect, it } from "vitest";
import { efficientReturn, efficientRisk, optimizePortfolio, type AssetVector, type CovarianceMatrix } from "../../src/optimize/index.ts";
import type { Panel } from "../../src/panel/index.ts";
import { mulberry32, normalSampler } from "../../src/synthetic/random.ts";

/** Σ⁻¹b by Gaussian elimination with partial pivoting (n small). */
function solve(sigma: ArrayLike<number>, b: number[]): number[] {
  const n = b.length;
  const m = Array.from({ length: n }, (_, i) => [...Array.from({ length: n }, (_, j) => sigma[i * n + j]), b[i]]);
  for (let c = 0; c < n; c++) {
    const p = m.slice(c).reduce((best, row, k) => (Math.abs(row[c]) > Math.abs(m[best][c]) ? c + k : best), c);
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) x[r] = (m[r][n] - m[r].slice(r + 1, n).reduce((s, a, k) => s + a * x[r + 1 + k], 0)) / m[r][r];
  return x;
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, x, i) => s + x * b[i], 0);

function closedForms(mu: ArrayLike<number>, sigma: ArrayLike<number>) {
  const n = mu.length;
  const ones = new Array<number>(n).fill(1);
  const inverseOnes = solve(sigma, ones);
  const inverseMu = solve(sigma, Array.from(mu));
  const A = dot(ones, inverseOnes);
  const B = dot(ones, inverseMu);
  const C = dot(mu, inverseMu);
  const D = A * C - B * B;
  const investedAt = (r: number) => inverseOnes.map((x, i) => ((C - B * r) * x + (A * r - B) * inverseMu[i]) / D);
  const neutral = inverseMu.map((x, i) => x - (B / A) * inverseOnes[i]); // Σ⁻¹(μ − (B/A)1)
  const spread = C - (B * B) / A;
  return {
    minimumVolatility: Math.sqrt(1 / A),
    efficientRisk: (volatility: number) => investedAt(B / A + Math.sqrt((D / A) * (volatility ** 2 - 1 / A))),
    efficientReturn: investedAt,
    neutralRisk: (volatility: number) => neutral.map((x) => (x * volatility) / Math.sqrt(spread)),
    neutralReturn: (target: number) => neutral.map((x) => (x * target) / spread),
  };
}

const variance = (sigma: ArrayLike<number>, w: ArrayLike<number>) => {
  const n = w.length;
  let v = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) v += w[i] * sigma[i * n + j] * w[j];
  return v;
};
const maxAbsDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (x, i) => Math.abs(x - b[i])));

// Three assets: vols 20 %, 25 %, 30 %; correlations 0.3, 0.1, 0.4; expected returns 8 %, 10 %, 14 %.
const tickers = ["A", "B", "C"];
const vols = [0.2, 0.25, 0.3];
const rho = [
  [1, 0.3, 0.1],
  [0.3, 1, 0.4],
  [0.1, 0.4, 1],
];
const sigma: CovarianceMatrix = { tickers, values: Float64Array.from(vols.flatMap((a, i) => vols.map((b, j) => rho[i][j] * a * b))), warnings: [] };
const mu: AssetVector = { tickers, values: Float64Array.from([0.08, 0.1, 0.14]) };
const shorts = { bounds: [-1, 1] as [number, number] };
const expected = closedForms(mu.values, sigma.values);

describe("efficient risk with shorts (bounds −1, 1), no bound binding", () => {
  it("fully invested: the frontier portfolio of return B/A + √(D/A (σ*² − 1/A)) at volatility exactly σ*", () => {
    const w = efficientRisk(mu, sigma, { targetVolatility: 0.19, constraints: shorts }).weights;
    const closed = expected.efficientRisk(0.19);
    expect(Math.max(...closed.map(Math.abs))).toBeLessThan(1); // no bound binds, so the closed form applies
    expect(maxAbsDifference(w, closed)).toBeLessThan(1e-9);
    expect(Math.sqrt(variance(sigma.values, w))).toBeCloseTo(0.19, 12);
  });

  it("market-neutral: w = σ* Σ⁻¹(μ − (B/A)1) / √(C − B²/A)", () => {
    const w = efficientRisk(mu, sigma, { targetVolatility: 0.1, constraints: { ...shorts, marketNeutral: true } }).weights;
    const closed = expected.neutralRisk(0.1);
    expect(Math.max(...closed.map(Math.abs))).toBeLessThan(1);
    expect(maxAbsDifference(w, closed)).toBeLessThan(1e-9);
    expect(Array.from(w).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 14);
  });

  it("a target above the top of the box: the maximum-return vertex (1, −1, 1), with risk multiplier 0", () => {
    // Max μᵀw with Σw = 1 and −1 ≤ w ≤ 1: long the two best, short the worst. Its volatility:
    const vertex = [-1, 1, 1];
    const top = Math.sqrt(variance(sigma.values, vertex));
    expect(top).toBeCloseTo(Math.sqrt(0.04 + 0.0625 + 0.09 - 2 * 0.015 - 2 * 0.006 + 2 * 0.03), 15);
    const result = efficientRisk(mu, sigma, { targetVolatility: top + 0.05, constraints: shorts });
    expect(Array.from(result.weights)).toEqual(vertex);
    expect(result.riskMultiplier).toBe(0);
  });

  it("below the minimum volatility √(1/A): infeasible, naming the minimum", () => {
    expect(expected.minimumVolatility).toBeCloseTo(0.1671, 4);
    expect(() => efficientRisk(mu, sigma, { targetVolatility: 0.16, constraints: shorts })).toThrow(
      `target volatility 0.16 is below the minimum volatility ${expected.minimumVolatility.toFixed(6)} achievable under the constraints; raise the target volatility`,
    );
  });
});

describe("efficient return with shorts, no bound binding", () => {
  it("fully invested: w(r*) of the closed form", () => {
    const w = efficientReturn(mu, sigma, { targetReturn: 0.13, constraints: shorts }).weights;
    const closed = expected.efficientReturn(0.13);
    expect(Math.max(...closed.map(Math.abs))).toBeLessThan(1);
    expect(maxAbsDifference(w, closed)).toBeLessThan(1e-9);
  });

  it("market-neutral: w = r* Σ⁻¹(μ − (B/A)1) / (C − B²/A)", () => {
    const w = efficientReturn(mu, sigma, { targetReturn: 0.05, constraints: { ...shorts, marketNeutral: true } }).weights;
    expect(maxAbsDifference(w, expected.neutralReturn(0.05))).toBeLessThan(1e-9);
  });

  it("at the maximum return of the box: the vertex itself", () => {
    const w = efficientReturn(mu, sigma, { targetReturn: 0.16, constraints: shorts }).weights; // μᵀ(−1, 1, 1) = 0.16
    expect(maxAbsDifference(w, [-1, 1, 1])).toBeLessThan(1e-9);
  });
});

describe("efficient risk from prices with ragged histories (bounds −1, 1, σ* = 0.19)", () => {
  // Six assets, daily vol 1.2–2 %, the last three starting 60, 150 and 300 days late.
  const n = 6;
  const days = 700;
  const first = [0, 0, 0, 60, 150, 300];
  const normal = normalSampler(mulberry32(77));
  const market = Array.from({ length: days }, () => 0.008 * normal());
  const values = new Float64Array(days * n).fill(NaN);
  for (let i = 0; i < n; i++) {
    let price = 50 + 10 * i;
    for (let d = first[i]; d < days; d++) {
      if (d > first[i]) price *= 1 + 0.0004 * (i - 1) + 0.7 * market[d] + (0.012 + 0.0015 * i) * normal();
      values[d * n + i] = price;
    }
  }
  const prices: Panel = { dates: Array.from({ length: days }, (_, d) => new Date(Date.UTC(2020, 0, 1 + d)).toISOString().slice(0, 10)), tickers: ["P", "Q", "R", "S", "T", "U"], values };

  it.each([false, true])("market-neutral %s: volatility exactly 0.19 and the closed-form weights of the estimated μ and Σ", (marketNeutral) => {
    const result = optimizePortfolio(prices, { method: "efficient-risk", targetVolatility: 0.19, constraints: { ...shorts, marketNeutral } });
    const forms = closedForms(result.expectedReturns.values, result.covariance.values);
    const closed = marketNeutral ? forms.neutralRisk(0.19) : forms.efficientRisk(0.19);
    expect(Math.max(...closed.map(Math.abs))).toBeLessThan(1);
    expect(result.performance.volatility).toBeCloseTo(0.19, 12);
    expect(maxAbsDifference(result.weights, closed)).toBeLessThan(1e-9);
  });
});

/**
 * Mean-variance portfolios: closed forms where they exist, an independent KKT check
 * (`kkt.ts`, 1e-8) on constrained problems, and the typed errors with their exact messages.
 * Each case mirrors PyPortfolioOpt's `EfficientFrontier(mu, S, weight_bounds=...)` method of
 * the same name; L2 is `objective_functions.L2_reg` (γ‖w‖²).
 */
import { describe, expect, it } from "vitest";
import {
  efficientReturn,
  efficientRisk,
  maxQuadraticUtility,
  maxSharpe,
  minVolatility,
  type AssetVector,
  type CovarianceMatrix,
} from "../../src/optimize/index.ts";
import { mulberry32, normalSampler } from "../../src/synthetic/random.ts";
import { kktViolation, solve, type Row } from "./kkt.ts";

const TOLERANCE = 1e-8;
const covariance = (tickers: string[], values: number[]): CovarianceMatrix => ({ tickers, values: Float64Array.from(values), warnings: [] });
const vector = (tickers: string[], values: number[]): AssetVector => ({ tickers, values: Float64Array.from(values) });
const times = (s: CovarianceMatrix, w: ArrayLike<number>): number[] => {
  const n = s.tickers.length;
  return Array.from({ length: n }, (_, i) => Array.from(w).reduce((sum, wj, j) => sum + s.values[i * n + j] * wj, 0));
};
const variance = (s: CovarianceMatrix, w: ArrayLike<number>) => times(s, w).reduce((sum, v, i) => sum + v * w[i], 0);
const budget = (n: number, b = 1): Row => ({ a: new Array(n).fill(1), b });

// Two assets: σ₁ = 0.2, σ₂ = 0.3, ρ = 0.25 → σ₁₂ = 0.015.
const twoTickers = ["X", "Y"];
const two = covariance(twoTickers, [0.04, 0.015, 0.015, 0.09]);

// Three assets for the tangency portfolio.
const three = covariance(["A", "B", "C"], [0.04, 0.006, 0.004, 0.006, 0.09, 0.018, 0.004, 0.018, 0.0625]);
const threeMu = vector(["A", "B", "C"], [0.08, 0.12, 0.1]);
const inverseTimes = (s: CovarianceMatrix, v: number[]) => {
  const n = v.length;
  return solve(Array.from({ length: n }, (_, i) => Array.from(s.values.slice(i * n, i * n + n))), v);
};

/** A seeded 8-asset one-factor market. */
function market(seed: number, n = 8): { mu: AssetVector; sigma: CovarianceMatrix } {
  const normal = normalSampler(mulberry32(seed));
  const tickers = Array.from({ length: n }, (_, i) => `S${i}`);
  const beta = Array.from({ length: n }, () => 0.6 + 0.8 * Math.abs(normal()) * 0.5);
  const idio = Array.from({ length: n }, () => 0.15 + 0.1 * Math.abs(normal()));
  const values: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) values.push(beta[i] * beta[j] * 0.03 + (i === j ? idio[i] ** 2 : 0));
  return { mu: vector(tickers, tickers.map(() => 0.04 + 0.06 * normal())), sigma: covariance(tickers, values) };
}

describe("closed forms", () => {
  it("two-asset minimum variance: w₁ = (σ₂² − σ₁₂) / (σ₁² + σ₂² − 2σ₁₂) = 0.75", () => {
    const w = minVolatility(two).weights;
    expect(w[0]).toBeCloseTo(0.075 / 0.1, 12);
    expect(w[1]).toBeCloseTo(0.25, 12);
  });

  it("two-asset minimum variance with L2 γ: Σ + γI in the same formula", () => {
    const gamma = 0.05;
    const w = minVolatility(two, { l2Gamma: gamma }).weights;
    expect(w[0]).toBeCloseTo((0.09 + gamma - 0.015) / (0.04 + 0.09 + 2 * gamma - 0.03), 12);
  });

  it("unconstrained tangency portfolio ∝ Σ⁻¹(μ − rf)", () => {
    const rf = 0.02;
    const z = inverseTimes(three, Array.from(threeMu.values, (m) => m - rf));
    const total = z.reduce((a, b) => a + b, 0);
    const w = maxSharpe(threeMu, three, { riskFreeRate: rf, constraints: { bounds: [-5, 5] } }).weights;
    z.forEach((zi, i) => expect(w[i]).toBeCloseTo(zi / total, 10));
  });

  it("unconstrained quadratic utility: w = Σ⁻¹(μ − ν1)/δ with ν fixing the budget", () => {
    const delta = 3;
    for (const [marketNeutral, target] of [
      [false, 1],
      [true, 0],
    ] as const) {
      const inverseMu = inverseTimes(three, Array.from(threeMu.values));
      const inverseOne = inverseTimes(three, [1, 1, 1]);
      const nu = (inverseMu.reduce((a, b) => a + b, 0) - delta * target) / inverseOne.reduce((a, b) => a + b, 0);
      const w = maxQuadraticUtility(threeMu, three, { riskAversion: delta, constraints: { bounds: [-5, 5], marketNeutral } }).weights;
      inverseMu.forEach((m, i) => expect(w[i]).toBeCloseTo((m - nu * inverseOne[i]) / delta, 10));
    }
  });

  it("turnover limit: two assets from (0.4, 0.6) with Σ|Δw| ≤ 0.2 stop at w₁ = 0.5", () => {
    const current = { X: 0.4, Y: 0.6 };
    expect(Array.from(minVolatility(two, { turnover: { current, limit: 0.2 } }).weights).map((v) => +v.toFixed(9))).toEqual([0.5, 0.5]);
    expect(minVolatility(two, { turnover: { current, limit: 1 } }).weights[0]).toBeCloseTo(0.75, 9);
  });
});

describe("KKT on constrained problems", () => {
  const { mu, sigma } = market(42);
  const n = 8;
  const lower = new Array(n).fill(0);
  const upper = new Array(n).fill(0.3);
  const group: Row = { a: [-1, -1, -1, 0, 0, 0, 0, 0], b: -0.35 }; // S0 + S1 + S2 ≤ 0.35

  it("minimum volatility with bounds and a group cap", () => {
    const w = Array.from(minVolatility(sigma, { bounds: [0, 0.3], groups: [{ name: "tech", tickers: ["S0", "S1", "S2"], max: 0.35 }] }).weights);
    const gradient = times(sigma, w).map((v) => 2 * v);
    expect(kktViolation(gradient, w, lower, upper, [budget(n)], [group])).toBeLessThan(TOLERANCE);
    expect(w.filter((v) => v > 1e-9).length).toBeGreaterThan(3);
  });

  it("maximum Sharpe with an upper bound (homogenised rows): −∇Sharpe is balanced by the constraints", () => {
    const rf = 0.01;
    const w = Array.from(maxSharpe(mu, sigma, { riskFreeRate: rf, constraints: { bounds: [0, 0.3] } }).weights);
    const vol = Math.sqrt(variance(sigma, w));
    const excess = w.reduce((s, wi, i) => s + wi * (mu.values[i] - rf), 0);
    const sw = times(sigma, w);
    const gradient = mu.values.map((m, i) => -((m - rf) / vol - (excess * sw[i]) / vol ** 3));
    expect(kktViolation(Array.from(gradient), w, lower, upper, [budget(n)])).toBeLessThan(TOLERANCE);
    expect(w.some((v) => Math.abs(v - 0.3) < 1e-9)).toBe(true);
  });

  it("efficient return: variance minimised with the return floor active", () => {
    const target = 0.07;
    const w = Array.from(efficientReturn(mu, sigma, { targetReturn: target, constraints: { bounds: [0, 0.3] } }).weights);
    const floor: Row = { a: Array.from(mu.values), b: target };
    expect(kktViolation(times(sigma, w).map((v) => 2 * v), w, lower, upper, [budget(n)], [floor])).toBeLessThan(TOLERANCE);
    expect(w.reduce((s, wi, i) => s + wi * mu.values[i], 0)).toBeCloseTo(target, 10);
  });

  it("efficient risk: volatility on target, KKT with its multiplier, and the same point as efficient return", () => {
    // Halfway between the minimum volatility and the top of the frontier, so the risk constraint binds.
    const bottom = Math.sqrt(variance(sigma, minVolatility(sigma, { bounds: [0, 0.3] }).weights));
    const top = Math.sqrt(variance(sigma, efficientRisk(mu, sigma, { targetVolatility: 5, constraints: { bounds: [0, 0.3] } }).weights));
    const target = (bottom + top) / 2;
    const result = efficientRisk(mu, sigma, { targetVolatility: target, constraints: { bounds: [0, 0.3] } });
    const w = Array.from(result.weights);
    expect(Math.sqrt(variance(sigma, w))).toBeCloseTo(target, 12);
    const lambda = result.riskMultiplier!;
    expect(lambda).toBeGreaterThan(0);
    const gradient = times(sigma, w).map((v, i) => -mu.values[i] + 2 * lambda * v);
    expect(kktViolation(gradient, w, lower, upper, [budget(n)])).toBeLessThan(TOLERANCE);
    const reached = w.reduce((s, wi, i) => s + wi * mu.values[i], 0);
    const dual = efficientReturn(mu, sigma, { targetReturn: reached, constraints: { bounds: [0, 0.3] } }).weights;
    w.forEach((wi, i) => expect(dual[i]).toBeCloseTo(wi, 8));
  });

  it("efficient risk with a slack target returns the top of the frontier (multiplier 0)", () => {
    const result = efficientRisk(mu, sigma, { targetVolatility: 5, constraints: { bounds: [0, 0.3] } });
    expect(result.riskMultiplier).toBe(0);
    const best = [...mu.values].map((m, i) => [m, i]).sort((a, b) => b[0] - a[0]);
    // Max return with w ≤ 0.3: 0.3, 0.3, 0.3 on the three best, 0.1 on the fourth.
    const expected = new Array(n).fill(0);
    best.slice(0, 3).forEach(([, i]) => (expected[i] = 0.3));
    expected[best[3][1]] = 0.1;
    expected.forEach((e, i) => expect(result.weights[i]).toBeCloseTo(e, 9));
  });

  it("efficient risk with L2 regularisation", () => {
    const gamma = 0.1;
    const result = efficientRisk(mu, sigma, { targetVolatility: 0.19, constraints: { bounds: [-0.2, 0.5], l2Gamma: gamma } });
    const w = Array.from(result.weights);
    expect(Math.sqrt(variance(sigma, w))).toBeCloseTo(0.19, 12);
    const gradient = times(sigma, w).map((v, i) => -mu.values[i] + 2 * gamma * w[i] + 2 * result.riskMultiplier! * v);
    expect(kktViolation(gradient, w, new Array(n).fill(-0.2), new Array(n).fill(0.5), [budget(n)])).toBeLessThan(TOLERANCE);
  });

  it("market-neutral quadratic utility with shorts", () => {
    const w = Array.from(maxQuadraticUtility(mu, sigma, { riskAversion: 2, constraints: { bounds: [-0.2, 0.2], marketNeutral: true } }).weights);
    const gradient = times(sigma, w).map((v, i) => 2 * v - mu.values[i]);
    expect(kktViolation(gradient, w, new Array(n).fill(-0.2), new Array(n).fill(0.2), [budget(n, 0)])).toBeLessThan(TOLERANCE);
  });

  it("turnover limit against current weights (proximal path): KKT of the lifted problem holds", () => {
    const current = Object.fromEntries(mu.tickers.map((t) => [t, 1 / n]));
    const limit = 0.3;
    const w = Array.from(minVolatility(sigma, { bounds: [0, 0.3], turnover: { current, limit } }).weights);
    const turnover = w.reduce((s, wi) => s + Math.abs(wi - 1 / n), 0);
    expect(turnover).toBeCloseTo(limit, 9);
    // On the lifted variables (w, t) with tᵢ = |wᵢ − cᵢ|, check KKT with ∇ = (2Σw, 0).
    const t = w.map((wi) => Math.abs(wi - 1 / n));
    const x = [...w, ...t];
    const rows: Row[] = [];
    for (let i = 0; i < n; i++) {
      const up = new Array(2 * n).fill(0);
      up[i] = -1;
      up[n + i] = 1;
      rows.push({ a: up, b: -1 / n });
      const down = new Array(2 * n).fill(0);
      down[i] = 1;
      down[n + i] = 1;
      rows.push({ a: down, b: 1 / n });
    }
    rows.push({ a: [...new Array(n).fill(0), ...new Array(n).fill(-1)], b: -limit });
    const gradient = [...times(sigma, w).map((v) => 2 * v), ...new Array(n).fill(0)];
    const lo = [...lower, ...new Array(n).fill(-Infinity)];
    const hi = [...upper, ...new Array(n).fill(Infinity)];
    expect(kktViolation(gradient, x, lo, hi, [{ a: [...new Array(n).fill(1), ...new Array(n).fill(0)], b: 1 }], rows, 1e-8)).toBeLessThan(1e-7);
  });

  it("a singular covariance (rank 2 of 3) still gives a KKT point", () => {
    const singular = covariance(["P", "Q", "R"], [0.04, 0.02, 0.03, 0.02, 0.05, 0.035, 0.03, 0.035, 0.0325]);
    // R = (P + Q)/2 in returns: Σ has rank 2.
    const w = Array.from(minVolatility(singular, { bounds: [0, 1] }).weights);
    expect(kktViolation(times(singular, w).map((v) => 2 * v), w, [0, 0, 0], [1, 1, 1], [budget(3)])).toBeLessThan(TOLERANCE);
  });
});

describe("typed errors", () => {
  const code = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return { code: (error as { code?: string }).code, message: (error as Error).message };
    }
    return undefined;
  };

  it("contradictory bounds", () => {
    expect(code(() => minVolatility(two, { bounds: [[0.5, 0.4], [0, 1]] }))).toEqual({
      code: "contradictory-bounds",
      message: "bounds for X are contradictory: lower 0.5 > upper 0.4",
    });
    expect(code(() => minVolatility(two, { bounds: [0.6, 1] }))).toEqual({
      code: "contradictory-bounds",
      message: "bounds allow total weight between 1.2 and 2, which excludes the budget 1; widen the bounds",
    });
    expect(code(() => minVolatility(two, { marketNeutral: true }))).toEqual({
      code: "contradictory-bounds",
      message: "a market-neutral portfolio needs shorting: give a negative lower bound, e.g. bounds [-1, 1]",
    });
  });

  it("maximum Sharpe when no asset beats the risk-free rate", () => {
    expect(code(() => maxSharpe(threeMu, three, { riskFreeRate: 0.12 }))).toEqual({
      code: "no-asset-beats-risk-free",
      message:
        "no asset's expected return exceeds the risk-free rate 0.12 (best: B at 0.120000), so the maximum Sharpe portfolio is undefined; lower the risk-free rate or use min-volatility",
    });
  });

  it("unreachable targets", () => {
    expect(code(() => efficientReturn(threeMu, three, { targetReturn: 0.13 }))).toEqual({
      code: "infeasible",
      message: "target return 0.13 is above the maximum expected return 0.120000 achievable under the constraints; lower the target return",
    });
    // Two-asset minimum volatility: √((σ₁²σ₂² − σ₁₂²) / (σ₁² + σ₂² − 2σ₁₂)) = √0.03375 = 0.183712.
    expect(code(() => efficientRisk(vector(twoTickers, [0.05, 0.1]), two, { targetVolatility: 0.15 }))).toEqual({
      code: "infeasible",
      message: "target volatility 0.15 is below the minimum volatility 0.183712 achievable under the constraints; raise the target volatility",
    });
  });

  it("infeasible group limits", () => {
    expect(code(() => minVolatility(three, { bounds: [0, 0.35], groups: [{ name: "pair", tickers: ["A", "B"], min: 0.8 }] }))).toEqual({
      code: "infeasible",
      message: "no portfolio satisfies the constraints (bounds, group limits, turnover) for minimum volatility; relax them",
    });
  });
});

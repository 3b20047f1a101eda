/**
 * The QP solver against closed forms and the KKT conditions (stationarity, primal and dual
 * feasibility, complementary slackness) to 1e-8, on definite, semi-definite and linear problems.
 */
import { describe, expect, it } from "vitest";
import { QpSolver, type LinearConstraint, type QpConstraints, type QpSolution } from "../../src/optimize/qp.ts";
import { mulberry32, normalSampler } from "../../src/synthetic/random.ts";

const TOLERANCE = 1e-8;

function row(c: LinearConstraint, n: number): Float64Array {
  const dense = new Float64Array(n);
  c.coefficients.forEach((v, k) => (dense[c.indices ? c.indices[k] : k] += v));
  return dense;
}

/** Worst violation of each KKT condition for ½xᵀGx + aᵀx under the constraints. */
function kkt(g: Float64Array, a: Float64Array, cons: QpConstraints, s: QpSolution) {
  const n = a.length;
  const residual = Float64Array.from({ length: n }, (_, i) => a[i] + g.slice(i * n, i * n + n).reduce((sum, gij, j) => sum + gij * s.x[j], 0));
  let primal = 0;
  let dual = 0;
  let complementarity = 0;
  (cons.equalities ?? []).forEach((c, k) => {
    const r = row(c, n);
    const value = r.reduce((sum, v, i) => sum + v * s.x[i], 0);
    primal = Math.max(primal, Math.abs(value - c.rhs));
    r.forEach((v, i) => (residual[i] -= s.equalityMultipliers[k] * v));
  });
  (cons.inequalities ?? []).forEach((c, k) => {
    const r = row(c, n);
    const slack = r.reduce((sum, v, i) => sum + v * s.x[i], 0) - c.rhs;
    const u = s.inequalityMultipliers[k];
    primal = Math.max(primal, -slack);
    dual = Math.max(dual, -u);
    complementarity = Math.max(complementarity, Math.abs(u * slack));
    r.forEach((v, i) => (residual[i] -= u * v));
  });
  for (let i = 0; i < n; i++) {
    const lo = cons.lower?.[i] ?? -Infinity;
    const hi = cons.upper?.[i] ?? Infinity;
    primal = Math.max(primal, lo - s.x[i], s.x[i] - hi);
    dual = Math.max(dual, -s.lowerMultipliers[i], -s.upperMultipliers[i]);
    if (lo > -Infinity) complementarity = Math.max(complementarity, Math.abs(s.lowerMultipliers[i] * (s.x[i] - lo)));
    if (hi < Infinity) complementarity = Math.max(complementarity, Math.abs(s.upperMultipliers[i] * (hi - s.x[i])));
    residual[i] -= s.lowerMultipliers[i] - s.upperMultipliers[i];
  }
  const stationarity = residual.reduce((m, r) => Math.max(m, Math.abs(r)), 0);
  return { stationarity, primal, dual, complementarity };
}

function expectKkt(g: Float64Array, a: Float64Array, cons: QpConstraints, s: QpSolution): void {
  const k = kkt(g, a, cons, s);
  expect(k.stationarity).toBeLessThan(TOLERANCE);
  expect(k.primal).toBeLessThan(TOLERANCE);
  expect(k.dual).toBeLessThan(TOLERANCE);
  expect(k.complementarity).toBeLessThan(TOLERANCE);
}

function randomProblem(seed: number, n: number, rank: number) {
  const normal = normalSampler(mulberry32(seed));
  const b = Array.from({ length: n * rank }, () => normal());
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < rank; k++) g[i * n + j] += b[i * rank + k] * b[j * rank + k];
  const a = Float64Array.from({ length: n }, () => 5 * normal());
  const cons: QpConstraints = {
    equalities: [{ coefficients: new Float64Array(n).fill(1), rhs: 1 }],
    inequalities: [
      { coefficients: Float64Array.from({ length: n }, () => normal()), rhs: -0.5 },
      { coefficients: Float64Array.of(-1, -1, -1), indices: Int32Array.of(0, 2, 4), rhs: -0.4 },
    ],
    lower: new Float64Array(n).fill(-0.05),
    upper: new Float64Array(n).fill(0.2),
  };
  return { g, a, cons };
}

describe("QpSolver", () => {
  it("matches the closed form of min ½‖x‖² s.t. x₁ + x₂ = 1, x₁ ≥ 0.7", () => {
    const g = Float64Array.of(1, 0, 0, 1);
    const s = new QpSolver(g, 2).solve(new Float64Array(2), {
      equalities: [{ coefficients: Float64Array.of(1, 1), rhs: 1 }],
      lower: Float64Array.of(0.7, -Infinity),
    });
    expect(s.x[0]).toBeCloseTo(0.7, 15);
    expect(s.x[1]).toBeCloseTo(0.3, 15);
    expect(s.equalityMultipliers[0]).toBeCloseTo(0.3, 15); // x₂ = λ
    expect(s.lowerMultipliers[0]).toBeCloseTo(0.4, 15); // x₁ = λ + ℓ
    expect(s.proximalIterations).toBe(0);
  });

  it("satisfies KKT on a random strictly convex problem with dense, sparse and bound constraints", () => {
    const { g, a, cons } = randomProblem(3, 12, 20);
    const s = new QpSolver(g, 12).solve(a, cons);
    expect(s.proximalIterations).toBe(0);
    expectKkt(g, a, cons, s);
    // Several constraints are active, so the test exercises adds and drops.
    const active = [...s.upperMultipliers, ...s.lowerMultipliers, ...s.inequalityMultipliers].filter((u) => u > 0).length;
    expect(active).toBeGreaterThan(4);
  });

  it("satisfies KKT on a rank-deficient problem (proximal-point path)", () => {
    const { g, a, cons } = randomProblem(5, 12, 4);
    const s = new QpSolver(g, 12).solve(a, cons);
    expect(s.proximalIterations).toBeGreaterThan(0);
    expectKkt(g, a, cons, s);
  });

  it("solves a linear program (zero Hessian) at a vertex", () => {
    // max 3x₁ + 2x₂ + x₃ s.t. Σx = 1, 0 ≤ x ≤ 0.5 → (0.5, 0.5, 0)
    const g = new Float64Array(9);
    const a = Float64Array.of(-3, -2, -1);
    const cons: QpConstraints = { equalities: [{ coefficients: Float64Array.of(1, 1, 1), rhs: 1 }], lower: new Float64Array(3), upper: new Float64Array(3).fill(0.5) };
    const s = new QpSolver(g, 3).solve(a, cons);
    expect(Array.from(s.x).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0.5, 0.5, 0]);
    expectKkt(g, a, cons, s);
  });

  it("reports infeasible constraints", () => {
    const solver = new QpSolver(Float64Array.of(1, 0, 0, 1), 2);
    expect(() =>
      solver.solve(new Float64Array(2), {
        equalities: [{ coefficients: Float64Array.of(1, 1), rhs: 1 }],
        upper: Float64Array.of(0.3, 0.3),
      }),
    ).toThrow(expect.objectContaining({ code: "infeasible", message: "the constraints admit no solution" }));
  });
});

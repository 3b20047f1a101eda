/**
 * Convex quadratic programs, the engine under every mean-variance portfolio:
 *
 *   minimise ½ xᵀ G x + aᵀ x   s.t.   Aₑ x = bₑ,   Aᵢ x ≥ bᵢ,   lower ≤ x ≤ upper
 *
 * G is symmetric positive semi-definite. When G is numerically positive definite the problem
 * goes straight to the Goldfarb-Idnani dual active-set method (`quadprog.ts`), which is exact up
 * to rounding. When it is only semi-definite (a covariance of rank < n, the turnover auxiliaries
 * with no curvature, a linear program) the solver runs the proximal-point method
 * x⁺ = argmin f(x) + ρ/2 ‖x − x_k‖² (Rockafellar 1976): each step is strictly convex with one
 * shared factorisation of G + ρI, each iterate is primal and dual feasible with exact
 * complementarity, and the only KKT residual left, ρ (x_k − x⁺), is driven below 1e-12 of the
 * problem's scale (linear programs terminate finitely under this iteration).
 *
 * Multipliers follow G x + a = Aₑᵀ λ + Aᵢᵀ μ + ℓ − υ with μ, ℓ, υ ≥ 0 (ℓ for lower, υ for upper bounds).
 */
import { OptimizationError } from "./errors.ts";
import { cholesky, invertLower } from "./linalg.ts";
import { dualActiveSet, type CompiledConstraints } from "./quadprog.ts";

/** coefficientsᵀ x compared with rhs; with `indices`, coefficients[k] multiplies x[indices[k]]. */
export interface LinearConstraint {
  readonly coefficients: Float64Array;
  readonly indices?: Int32Array;
  readonly rhs: number;
}

export interface QpConstraints {
  readonly equalities?: readonly LinearConstraint[];
  readonly inequalities?: readonly LinearConstraint[];
  /** Per-variable bounds; ±Infinity (or absent) for none. */
  readonly lower?: Float64Array;
  readonly upper?: Float64Array;
}

export interface QpSolution {
  readonly x: Float64Array;
  readonly equalityMultipliers: Float64Array;
  readonly inequalityMultipliers: Float64Array;
  readonly lowerMultipliers: Float64Array;
  readonly upperMultipliers: Float64Array;
  /** Active-set steps summed over proximal iterations. */
  readonly iterations: number;
  /** Proximal-point iterations (0 when G was positive definite). */
  readonly proximalIterations: number;
}

/** A pivot below this fraction of the largest diagonal makes G semi-definite for our purposes. */
const DEFINITENESS_THRESHOLD = 1e-12;
/** Proximal weight relative to the largest curvature (or to the linear term for an LP). */
const PROXIMAL_WEIGHT = 1e-5;
const PROXIMAL_TOLERANCE = 1e-12;
const MAX_PROXIMAL_ITERATIONS = 500;

/** Factorises G once; `solve` then handles any linear term and constraints. */
export class QpSolver {
  readonly n: number;
  private readonly maxDiagonal: number;
  /** J₀ = L⁻ᵀ column-major for G (or G + ρI), and ρ (0 when G is definite). */
  private readonly factor: { readonly j: Float64Array; readonly rho: number } | undefined;

  constructor(hessian: Float64Array, n: number) {
    if (hessian.length !== n * n) throw new OptimizationError("invalid-input", `Hessian has ${hessian.length} entries, expected ${n * n}`);
    for (let i = 0; i < hessian.length; i++) {
      if (!Number.isFinite(hessian[i])) throw new OptimizationError("invalid-input", "Hessian has a non-finite entry");
    }
    this.n = n;
    let maxDiagonal = 0;
    for (let i = 0; i < n; i++) maxDiagonal = Math.max(maxDiagonal, hessian[i * n + i]);
    this.maxDiagonal = maxDiagonal;
    if (maxDiagonal === 0) {
      this.factor = undefined; // a linear program: ρ depends on the linear term, see `solve`
      return;
    }
    const definite = cholesky(hessian, n, DEFINITENESS_THRESHOLD * maxDiagonal);
    if (definite) {
      // L⁻¹ row-major is exactly L⁻ᵀ column-major.
      this.factor = { j: invertLower(definite, n), rho: 0 };
      return;
    }
    const rho = PROXIMAL_WEIGHT * maxDiagonal;
    const shifted = Float64Array.from(hessian);
    for (let i = 0; i < n; i++) shifted[i * n + i] += rho;
    const l = cholesky(shifted, n, 0);
    if (!l) throw new OptimizationError("invalid-input", "Hessian is not positive semi-definite");
    this.factor = { j: invertLower(l, n), rho };
  }

  solve(linear: Float64Array, constraints: QpConstraints): QpSolution {
    const n = this.n;
    if (linear.length !== n) throw new OptimizationError("invalid-input", `linear term has ${linear.length} entries, expected ${n}`);
    const compiled = compile(n, constraints);
    let factor = this.factor;
    const linearScale = maxAbs(linear);
    if (!factor) {
      const rho = PROXIMAL_WEIGHT * (linearScale > 0 ? linearScale : 1);
      const j = new Float64Array(n * n);
      for (let i = 0; i < n; i++) j[i * n + i] = 1 / Math.sqrt(rho);
      factor = { j, rho };
    }
    if (factor.rho === 0) {
      const result = dualActiveSet(n, factor.j, linear, compiled.constraints);
      return compiled.unpack(result.x, result.multipliers, result.iterations, 0);
    }
    const rho = factor.rho;
    const scale = Math.max(this.maxDiagonal, linearScale, Number.MIN_VALUE);
    const center = new Float64Array(n);
    const shiftedLinear = new Float64Array(n);
    let iterations = 0;
    for (let k = 1; k <= MAX_PROXIMAL_ITERATIONS; k++) {
      for (let i = 0; i < n; i++) shiftedLinear[i] = linear[i] - rho * center[i];
      const result = dualActiveSet(n, factor.j, shiftedLinear, compiled.constraints);
      iterations += result.iterations;
      let change = 0;
      for (let i = 0; i < n; i++) change = Math.max(change, Math.abs(result.x[i] - center[i]));
      center.set(result.x);
      if (rho * change <= PROXIMAL_TOLERANCE * scale) {
        return compiled.unpack(result.x, result.multipliers, iterations, k);
      }
    }
    throw new OptimizationError("not-converged", `proximal-point iterations did not converge in ${MAX_PROXIMAL_ITERATIONS} steps`);
  }
}

interface Compiled {
  readonly constraints: CompiledConstraints;
  unpack(x: Float64Array, multipliers: Float64Array, iterations: number, proximalIterations: number): QpSolution;
}

/** Turns the user-facing constraint lists into sparse rows: equalities, inequalities, lower, upper. */
function compile(n: number, constraints: QpConstraints): Compiled {
  const equalities = constraints.equalities ?? [];
  const inequalities = constraints.inequalities ?? [];
  const lowerVariables: number[] = [];
  const upperVariables: number[] = [];
  for (let i = 0; i < n; i++) {
    const lo = constraints.lower?.[i] ?? -Infinity;
    const hi = constraints.upper?.[i] ?? Infinity;
    if (Number.isNaN(lo) || Number.isNaN(hi)) throw new OptimizationError("invalid-input", `bound ${i} is NaN`);
    if (lo > hi) throw new OptimizationError("contradictory-bounds", `variable ${i}: lower bound ${lo} > upper bound ${hi}`);
    if (lo > -Infinity) lowerVariables.push(i);
    if (hi < Infinity) upperVariables.push(i);
  }
  const count = equalities.length + inequalities.length + lowerVariables.length + upperVariables.length;
  let entries = lowerVariables.length + upperVariables.length;
  for (const row of [...equalities, ...inequalities]) entries += row.coefficients.length;
  const start = new Int32Array(count + 1);
  const index = new Int32Array(entries);
  const value = new Float64Array(entries);
  const rhs = new Float64Array(count);
  const norm = new Float64Array(count);
  let k = 0;
  let e = 0;
  const push = (coefficients: Float64Array, indices: Int32Array | undefined, bound: number): void => {
    if (indices && indices.length !== coefficients.length) throw new OptimizationError("invalid-input", "constraint indices and coefficients differ in length");
    if (!indices && coefficients.length !== n) throw new OptimizationError("invalid-input", `dense constraint has ${coefficients.length} coefficients, expected ${n}`);
    if (!Number.isFinite(bound)) throw new OptimizationError("invalid-input", `constraint right-hand side ${bound} is not finite`);
    start[k] = e;
    let squares = 0;
    for (let c = 0; c < coefficients.length; c++) {
      const coefficient = coefficients[c];
      if (!Number.isFinite(coefficient)) throw new OptimizationError("invalid-input", "constraint has a non-finite coefficient");
      if (coefficient === 0) continue;
      index[e] = indices ? indices[c] : c;
      value[e] = coefficient;
      squares += coefficient * coefficient;
      e++;
    }
    rhs[k] = bound;
    norm[k] = Math.sqrt(squares) || 1;
    k++;
  };
  for (const row of equalities) push(row.coefficients, row.indices, row.rhs);
  for (const row of inequalities) push(row.coefficients, row.indices, row.rhs);
  const one = Float64Array.of(1);
  const minusOne = Float64Array.of(-1);
  for (const i of lowerVariables) push(one, Int32Array.of(i), constraints.lower![i]);
  for (const i of upperVariables) push(minusOne, Int32Array.of(i), -constraints.upper![i]);
  start[k] = e;

  return {
    constraints: { count, equalityCount: equalities.length, start, index, value, rhs, norm },
    unpack(x, multipliers, iterations, proximalIterations) {
      const lowerMultipliers = new Float64Array(n);
      const upperMultipliers = new Float64Array(n);
      let offset = equalities.length + inequalities.length;
      for (const i of lowerVariables) lowerMultipliers[i] = multipliers[offset++];
      for (const i of upperVariables) upperMultipliers[i] = multipliers[offset++];
      return {
        x,
        equalityMultipliers: multipliers.slice(0, equalities.length),
        inequalityMultipliers: multipliers.slice(equalities.length, equalities.length + inequalities.length),
        lowerMultipliers,
        upperMultipliers,
        iterations,
        proximalIterations,
      };
    },
  };
}

function maxAbs(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

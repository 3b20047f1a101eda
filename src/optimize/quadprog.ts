/**
 * Goldfarb-Idnani dual active-set method for strictly convex quadratic programs
 * (D. Goldfarb & A. Idnani, "A numerically stable dual method for solving strictly convex
 * quadratic programs", Math. Programming 27, 1983; the algorithm behind R/Python `quadprog`).
 *
 *   minimise ½ xᵀ G x + aᵀ x   subject to   nₖᵀ x = bₖ (equalities),  nₖᵀ x ≥ bₖ (inequalities)
 *
 * G must be positive definite; the caller passes J₀ = L⁻ᵀ for G = L Lᵀ so that one
 * factorisation serves many solves. The method starts at the unconstrained minimum and adds
 * the most violated constraint (normalised slack) one at a time, dropping an active inequality
 * whenever its multiplier would turn negative; the dual objective rises at every step, so it
 * terminates. Factors are updated by Givens rotations: J = L⁻ᵀ Q and Jᵀ N = [R; 0] with R upper
 * triangular, so each step costs O(n²). Multipliers satisfy G x + a = Σ uₖ nₖ with uₖ ≥ 0 for
 * inequalities (exactly the KKT system; the tests check it to 1e-8).
 *
 * Storage: J is column-major (column i at J[i*n .. i*n+n)), R column-major in an n × n block.
 */
import { OptimizationError } from "./errors.ts";

/** Sparse constraint rows, equalities first, in compressed-row form. */
export interface CompiledConstraints {
  readonly count: number;
  readonly equalityCount: number;
  /** Row k's entries are positions start[k] .. start[k+1]-1 of `index`/`value`. */
  readonly start: Int32Array;
  readonly index: Int32Array;
  readonly value: Float64Array;
  readonly rhs: Float64Array;
  /** Euclidean norm of each row, to compare slacks as distances. */
  readonly norm: Float64Array;
}

export interface DualActiveSetResult {
  readonly x: Float64Array;
  /** One multiplier per compiled constraint; 0 for constraints not active at the solution. */
  readonly multipliers: Float64Array;
  readonly iterations: number;
}

/** Relative tolerance on a constraint's normalised violation. */
const VIOLATION_TOLERANCE = 1e-12;
/** A new constraint whose normal lies within this relative distance of the active span is dependent. */
const DEPENDENCE_TOLERANCE = 1e-12;

export function dualActiveSet(
  n: number,
  jInitial: Float64Array,
  linear: Float64Array,
  constraints: CompiledConstraints,
): DualActiveSetResult {
  const { count, equalityCount, start, index, value, rhs, norm } = constraints;
  const j = Float64Array.from(jInitial);
  const r = new Float64Array(n * n);
  const active = new Int32Array(n);
  const activeSign = new Float64Array(n);
  const u = new Float64Array(n);
  const isActive = new Uint8Array(count);
  const skipped = new Uint8Array(count);
  const d = new Float64Array(n);
  const z = new Float64Array(n);
  const step = new Float64Array(n);
  let q = 0;

  // Unconstrained minimum x = −G⁻¹a = −J Jᵀ a.
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let w = 0;
    const column = i * n;
    for (let k = 0; k < n; k++) w += j[column + k] * linear[k];
    for (let k = 0; k < n; k++) x[k] -= w * j[column + k];
  }

  const slack = (p: number): number => {
    let sum = 0;
    for (let e = start[p]; e < start[p + 1]; e++) sum += value[e] * x[index[e]];
    return sum - rhs[p];
  };

  const rotateColumns = (a: number, b: number, c: number, s: number): void => {
    const columnA = a * n;
    const columnB = b * n;
    for (let k = 0; k < n; k++) {
      const ja = j[columnA + k];
      const jb = j[columnB + k];
      j[columnA + k] = c * ja + s * jb;
      j[columnB + k] = c * jb - s * ja;
    }
  };

  const dropActive = (position: number): void => {
    isActive[active[position]] = 0;
    for (let c = position; c < q - 1; c++) {
      active[c] = active[c + 1];
      activeSign[c] = activeSign[c + 1];
      u[c] = u[c + 1];
      for (let row = 0; row <= c + 1; row++) r[c * n + row] = r[(c + 1) * n + row];
    }
    q--;
    // R is now upper Hessenberg from column `position`: rotate rows c, c+1 back to triangular.
    for (let c = position; c < q; c++) {
      const a = r[c * n + c];
      const b = r[c * n + c + 1];
      if (b === 0) continue;
      const h = Math.sqrt(a * a + b * b);
      const cos = a / h;
      const sin = b / h;
      for (let col = c; col < q; col++) {
        const top = r[col * n + c];
        const bottom = r[col * n + c + 1];
        r[col * n + c] = cos * top + sin * bottom;
        r[col * n + c + 1] = cos * bottom - sin * top;
      }
      rotateColumns(c, c + 1, cos, sin);
    }
  };

  const maxIterations = 50 * (n + count) + 100;
  let iterations = 0;
  let nextEquality = 0;

  for (;;) {
    // Choose the constraint to add: pending equalities first, then the most violated inequality.
    let p = -1;
    let sign = 1;
    if (nextEquality < equalityCount) {
      p = nextEquality++;
      sign = slack(p) > 0 ? -1 : 1;
    } else {
      let worst = 0;
      const xScale = maxAbs(x);
      for (let k = equalityCount; k < count; k++) {
        if (isActive[k] || skipped[k]) continue;
        const distance = slack(k) / norm[k];
        const tolerance = VIOLATION_TOLERANCE * (1 + xScale + Math.abs(rhs[k]) / norm[k]);
        if (distance < -tolerance && distance < worst) {
          worst = distance;
          p = k;
        }
      }
      if (p < 0) break;
    }

    let uPlus = 0;
    for (;;) {
      if (++iterations > maxIterations) {
        throw new OptimizationError("not-converged", `quadratic program did not converge in ${maxIterations} active-set steps`);
      }
      // d = Jᵀ n_p (signed), z = J₂ d₂ (primal direction), step = R⁻¹ d₁ (dual direction).
      let dNormSquared = 0;
      for (let i = 0; i < n; i++) {
        let sum = 0;
        const column = i * n;
        for (let e = start[p]; e < start[p + 1]; e++) sum += j[column + index[e]] * value[e];
        d[i] = sign * sum;
        dNormSquared += d[i] * d[i];
      }
      let zDotN = 0;
      z.fill(0);
      for (let i = q; i < n; i++) {
        const di = d[i];
        zDotN += di * di;
        if (di === 0) continue;
        const column = i * n;
        for (let k = 0; k < n; k++) z[k] += di * j[column + k];
      }
      for (let i = q - 1; i >= 0; i--) {
        let sum = d[i];
        for (let c = i + 1; c < q; c++) sum -= r[c * n + i] * step[c];
        step[i] = sum / r[i * n + i];
      }
      const slackP = sign * slack(p);
      const dependent = zDotN <= DEPENDENCE_TOLERANCE * DEPENDENCE_TOLERANCE * dNormSquared;
      if (dependent && p < equalityCount && Math.abs(slackP) <= VIOLATION_TOLERANCE * (1 + maxAbs(x) + Math.abs(rhs[p]))) {
        // A redundant equality (implied by the active set) adds nothing.
        skipped[p] = 1;
        break;
      }
      let partial = Infinity;
      let dropPosition = -1;
      for (let i = 0; i < q; i++) {
        if (active[i] < equalityCount || step[i] <= 0) continue;
        const ratio = u[i] / step[i];
        if (ratio < partial) {
          partial = ratio;
          dropPosition = i;
        }
      }
      const full = dependent ? Infinity : -slackP / zDotN;
      if (partial === Infinity && full === Infinity) {
        throw new OptimizationError("infeasible", "the constraints admit no solution");
      }
      const t = Math.min(partial, full);
      if (full !== Infinity) for (let k = 0; k < n; k++) x[k] += t * z[k];
      for (let i = 0; i < q; i++) u[i] -= t * step[i];
      uPlus += t;
      if (full <= partial) {
        // Add p: rotate d₂ onto its first component, then append column d₁..d_q to R.
        for (let i = n - 1; i > q; i--) {
          const a = d[i - 1];
          const b = d[i];
          if (b === 0) continue;
          const h = Math.sqrt(a * a + b * b);
          const cos = a / h;
          const sin = b / h;
          d[i - 1] = h;
          d[i] = 0;
          rotateColumns(i - 1, i, cos, sin);
        }
        for (let row = 0; row <= q; row++) r[q * n + row] = d[row];
        active[q] = p;
        activeSign[q] = sign;
        u[q] = uPlus;
        isActive[p] = 1;
        q++;
        break;
      }
      u[dropPosition] = 0;
      dropActive(dropPosition);
    }
  }

  const multipliers = new Float64Array(count);
  for (let i = 0; i < q; i++) multipliers[active[i]] = activeSign[i] * u[i];
  return { x, multipliers, iterations };
}

function maxAbs(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const v = Math.abs(x[i]);
    if (v > m) m = v;
  }
  return m;
}

/**
 * Test helper: an independent KKT check for portfolio problems
 *   minimise f(w) s.t. Aₑw = bₑ, Aᵢw ≥ bᵢ, lower ≤ w ≤ upper,
 * from the gradient ∇f(w) alone: multipliers of the equalities and active inequalities are fitted
 * by least squares on the free assets, then stationarity, primal and dual feasibility and
 * complementary slackness are measured. Returns the worst violation.
 */
export interface Row {
  readonly a: readonly number[];
  readonly b: number;
}

export function kktViolation(
  gradient: readonly number[],
  w: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  equalities: readonly Row[],
  inequalities: readonly Row[] = [],
  activeTolerance = 1e-9,
): number {
  const n = w.length;
  const value = (r: Row) => r.a.reduce((s, ai, i) => s + ai * w[i], 0) - r.b;
  let violation = 0;
  for (const r of equalities) violation = Math.max(violation, Math.abs(value(r)));
  for (const r of inequalities) violation = Math.max(violation, -value(r));
  for (let i = 0; i < n; i++) violation = Math.max(violation, lower[i] - w[i], w[i] - upper[i]);
  const active = inequalities.filter((r) => Math.abs(value(r)) <= activeTolerance);
  const rows = [...equalities, ...active];
  const free = Array.from({ length: n }, (_, i) => i).filter((i) => w[i] > lower[i] + activeTolerance && w[i] < upper[i] - activeTolerance);
  // Least squares: for i free, ∇fᵢ = Σₖ mₖ aₖᵢ.
  const k = rows.length;
  const normal = Array.from({ length: k }, (_, p) => Array.from({ length: k }, (_, q) => free.reduce((s, i) => s + rows[p].a[i] * rows[q].a[i], 0)));
  const rhs = Array.from({ length: k }, (_, p) => free.reduce((s, i) => s + rows[p].a[i] * gradient[i], 0));
  const m = solve(normal, rhs);
  for (let p = equalities.length; p < k; p++) violation = Math.max(violation, -m[p]);
  for (let i = 0; i < n; i++) {
    const combination = rows.reduce((s, r, p) => s + m[p] * r.a[i], 0);
    const excess = gradient[i] - combination; // = ℓᵢ − υᵢ
    if (free.includes(i)) violation = Math.max(violation, Math.abs(excess));
    else if (w[i] <= lower[i] + activeTolerance) violation = Math.max(violation, -excess);
    else violation = Math.max(violation, excess);
  }
  return violation;
}

/** Gaussian elimination with partial pivoting. */
export function solve(matrix: number[][], rhs: number[]): number[] {
  const k = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]]);
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    [a[c], a[pivot]] = [a[pivot], a[c]];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      for (let j = c; j <= k; j++) a[r][j] -= f * a[c][j];
    }
  }
  return a.map((row, i) => row[k] / row[i]);
}

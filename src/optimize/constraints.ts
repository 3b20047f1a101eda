/**
 * Portfolio constraints and their translation into linear rows for `QpSolver`.
 *
 * Weights are fractions of capital. Supported: per-asset bounds (long-only is lower ≥ 0, the
 * default [0, 1]; shorts by a negative lower bound), fully invested (Σw = 1) or market-neutral
 * (Σw = 0), group (sector) limits min ≤ Σ_{i∈g} wᵢ ≤ max, L2 regularisation γ‖w‖² (added to
 * the objective by the caller, as PyPortfolioOpt's `objective_functions.L2_reg`), and a turnover
 * limit Σ|wᵢ − currentᵢ| ≤ limit, modelled exactly with auxiliaries tᵢ ≥ |wᵢ − currentᵢ|, Σtᵢ ≤ limit.
 * Bounds must be finite, so every problem has a compact feasible set.
 *
 * Maximum Sharpe uses the Cornuejols-Tütüncü homogenisation (as PyPortfolioOpt's `max_sharpe`):
 * with y = k w and k = Σy ≥ 0, every row aᵀx ≥ b becomes aᵀx − b·Σy ≥ 0.
 */
import { OptimizationError } from "./errors.ts";
import type { LinearConstraint, QpConstraints } from "./qp.ts";

export interface GroupLimit {
  readonly name: string;
  readonly tickers: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

export interface TurnoverLimit {
  /** Current weights by ticker; tickers outside the universe must be sold and count in full. */
  readonly current: Readonly<Record<string, number>>;
  /** Maximum Σ|w − current|. */
  readonly limit: number;
}

export interface PortfolioConstraints {
  /** One [lower, upper] pair for every asset, or one per asset in ticker order. Default [0, 1]. */
  readonly bounds?: readonly [number, number] | readonly (readonly [number, number])[];
  /** Σw = 0 instead of Σw = 1; needs a negative lower bound. */
  readonly marketNeutral?: boolean;
  readonly groups?: readonly GroupLimit[];
  /** γ in γ‖w‖², default 0. */
  readonly l2Gamma?: number;
  readonly turnover?: TurnoverLimit;
}

export interface ResolvedConstraints {
  readonly tickers: readonly string[];
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly budget: 0 | 1;
  readonly groups: readonly { readonly name: string; readonly members: Int32Array; readonly min: number; readonly max: number }[];
  readonly l2Gamma: number;
  readonly turnover: { readonly current: Float64Array; readonly limit: number } | undefined;
}

export function resolveConstraints(tickers: readonly string[], spec: PortfolioConstraints = {}): ResolvedConstraints {
  const n = tickers.length;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const bounds = spec.bounds ?? [0, 1];
  const perAsset = Array.isArray(bounds[0]);
  if (perAsset && bounds.length !== n) {
    throw new OptimizationError("invalid-input", `${bounds.length} bound pairs for ${n} assets; give one pair or one per asset`);
  }
  for (let i = 0; i < n; i++) {
    const [lo, hi] = (perAsset ? bounds[i] : bounds) as readonly [number, number];
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
      throw new OptimizationError("invalid-input", `bounds for ${tickers[i]} must be finite numbers, got [${lo}, ${hi}]`);
    }
    if (lo > hi) {
      throw new OptimizationError("contradictory-bounds", `bounds for ${tickers[i]} are contradictory: lower ${lo} > upper ${hi}`);
    }
    lower[i] = lo;
    upper[i] = hi;
  }
  const budget = spec.marketNeutral ? 0 : 1;
  const sumLower = lower.reduce((a, b) => a + b, 0);
  const sumUpper = upper.reduce((a, b) => a + b, 0);
  if (budget === 0 && lower.every((lo) => lo >= 0)) {
    throw new OptimizationError("contradictory-bounds", "a market-neutral portfolio needs shorting: give a negative lower bound, e.g. bounds [-1, 1]");
  }
  if (sumLower > budget + 1e-12 || sumUpper < budget - 1e-12) {
    throw new OptimizationError(
      "contradictory-bounds",
      `bounds allow total weight between ${round(sumLower)} and ${round(sumUpper)}, which excludes the budget ${budget}; widen the bounds`,
    );
  }
  const position = new Map(tickers.map((ticker, i) => [ticker, i]));
  const groups = (spec.groups ?? []).map((group) => {
    const members = group.tickers.map((ticker) => {
      const i = position.get(ticker);
      if (i === undefined) throw new OptimizationError("invalid-input", `group "${group.name}" names ${ticker}, which is not in the universe`);
      return i;
    });
    const min = group.min ?? -Infinity;
    const max = group.max ?? Infinity;
    if (Number.isNaN(min) || Number.isNaN(max)) throw new OptimizationError("invalid-input", `group "${group.name}" has a NaN limit`);
    if (min > max) throw new OptimizationError("contradictory-bounds", `group "${group.name}" is contradictory: min ${min} > max ${max}`);
    return { name: group.name, members: Int32Array.from(members), min, max };
  });
  const l2Gamma = spec.l2Gamma ?? 0;
  if (!(l2Gamma >= 0 && l2Gamma < Infinity)) throw new OptimizationError("invalid-input", `L2 gamma must be a finite number ≥ 0, got ${l2Gamma}`);
  let turnover: ResolvedConstraints["turnover"];
  if (spec.turnover) {
    const current = new Float64Array(n);
    let outside = 0;
    for (const [ticker, weight] of Object.entries(spec.turnover.current)) {
      if (!Number.isFinite(weight)) throw new OptimizationError("invalid-input", `current weight of ${ticker} is ${weight}`);
      const i = position.get(ticker);
      if (i === undefined) outside += Math.abs(weight);
      else current[i] = weight;
    }
    const limit = spec.turnover.limit - outside;
    if (!(spec.turnover.limit >= 0)) throw new OptimizationError("invalid-input", `turnover limit must be ≥ 0, got ${spec.turnover.limit}`);
    if (limit < 0) {
      throw new OptimizationError("infeasible", `selling the current positions outside the universe already turns over ${round(outside)}, above the limit ${spec.turnover.limit}`);
    }
    turnover = { current, limit };
  }
  return { tickers, lower, upper, budget, groups, l2Gamma, turnover };
}

/** Number of QP variables: the weights, then one turnover auxiliary per asset when limited. */
export function variableCount(c: ResolvedConstraints): number {
  return c.turnover ? 2 * c.tickers.length : c.tickers.length;
}

/**
 * Rows over x = [w, t]: budget, bounds, groups, turnover, plus `extra` rows over w (e.g. a return
 * target). Upper bounds ≥ 1 under a long-only, fully invested budget are implied and left out.
 */
export function linearSystem(c: ResolvedConstraints, extra: readonly LinearConstraint[] = []): QpConstraints {
  const n = c.tickers.length;
  const size = variableCount(c);
  const lower = new Float64Array(size).fill(-Infinity);
  const upper = new Float64Array(size).fill(Infinity);
  const longOnlyInvested = c.budget === 1 && c.lower.every((lo) => lo >= 0);
  for (let i = 0; i < n; i++) {
    lower[i] = c.lower[i];
    if (!(longOnlyInvested && c.upper[i] >= 1)) upper[i] = c.upper[i];
  }
  const inequalities: LinearConstraint[] = [...extra];
  for (const group of c.groups) {
    const ones = new Float64Array(group.members.length).fill(1);
    if (group.min > -Infinity) inequalities.push({ coefficients: ones, indices: group.members, rhs: group.min });
    if (group.max < Infinity) inequalities.push({ coefficients: ones.map((v) => -v), indices: group.members, rhs: -group.max });
  }
  if (c.turnover) {
    const { current, limit } = c.turnover;
    for (let i = 0; i < n; i++) {
      const pair = Int32Array.of(i, n + i);
      inequalities.push({ coefficients: Float64Array.of(-1, 1), indices: pair, rhs: -current[i] }); // tᵢ ≥ wᵢ − currentᵢ
      inequalities.push({ coefficients: Float64Array.of(1, 1), indices: pair, rhs: current[i] }); // tᵢ ≥ currentᵢ − wᵢ
    }
    const auxiliaries = Int32Array.from({ length: n }, (_, i) => n + i);
    inequalities.push({ coefficients: new Float64Array(n).fill(-1), indices: auxiliaries, rhs: -limit });
  }
  const budgetRow = { coefficients: new Float64Array(n).fill(1), indices: Int32Array.from({ length: n }, (_, i) => i), rhs: c.budget };
  return { equalities: [budgetRow], inequalities, lower, upper };
}

/**
 * The Cornuejols-Tütüncü system for maximum Sharpe over x = [y, T] (y = k w, T = k t, k = Σy):
 * (μ − rf)ᵀ y = 1 and each row aᵀx ≥ b of `linearSystem` rewritten as aᵀx − b Σy ≥ 0. The
 * budget row becomes 0 = 0 and is dropped; k ≥ 0 is added unless implied by y ≥ 0.
 */
export function homogenizedSystem(c: ResolvedConstraints, excessReturns: Float64Array): QpConstraints {
  if (c.budget !== 1) {
    throw new OptimizationError("unsupported-constraint", "maximum Sharpe needs a fully invested portfolio; a market-neutral one has no Sharpe-maximising scale");
  }
  const n = c.tickers.length;
  const size = variableCount(c);
  const plain = linearSystem(c);
  const homogenize = (row: LinearConstraint): LinearConstraint => {
    const dense = new Float64Array(size);
    const { coefficients, indices } = row;
    for (let k = 0; k < coefficients.length; k++) dense[indices ? indices[k] : k] += coefficients[k];
    for (let i = 0; i < n; i++) dense[i] -= row.rhs;
    return { coefficients: dense, rhs: 0 };
  };
  const lower = new Float64Array(size).fill(-Infinity);
  const upper = new Float64Array(size).fill(Infinity);
  const inequalities = plain.inequalities!.map(homogenize);
  for (let i = 0; i < n; i++) {
    const lo = plain.lower![i];
    const hi = plain.upper![i];
    if (lo === 0) lower[i] = 0;
    else inequalities.push(homogenize({ coefficients: Float64Array.of(1), indices: Int32Array.of(i), rhs: lo }));
    if (hi === 0) upper[i] = 0;
    else if (hi < Infinity) inequalities.push(homogenize({ coefficients: Float64Array.of(-1), indices: Int32Array.of(i), rhs: -hi }));
  }
  if (!c.lower.every((lo) => lo >= 0)) {
    inequalities.push({ coefficients: Float64Array.from({ length: size }, (_, i) => (i < n ? 1 : 0)), rhs: 0 });
  }
  const excess = new Float64Array(size);
  excess.set(excessReturns);
  return { equalities: [{ coefficients: excess, rhs: 1 }], inequalities, lower, upper };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

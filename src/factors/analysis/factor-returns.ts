/**
 * Factor-weighted long-short returns, alphalens' factor_returns: on each date the names with a factor
 * value and a forward return are weighted w_i = (f_i − mean f) / Σ_j |f_j − mean f| (demeaned, the
 * default: dollar neutral, gross exposure 1), or w_i = f_i / Σ|f_j| with `demeaned: false`; the
 * date's return is Σ w_i · r_i. Group-adjusted (alphalens group_adjust, with `groups`): weights are
 * built within each group as above, then scaled across the date by their total |w| so every group
 * carries the same gross weight; names without a group take no part, and a group whose weights are
 * all 0 (all factor values equal) is left out.
 *
 * The universe return (the benchmark alpha-beta.ts regresses on) is the equal-weighted mean forward
 * return over the same names. NaN = the date cannot be computed (no names, or zero gross weight).
 * Units: simple return over the forward horizon, fraction, not annualised, per evaluation date.
 */
import { assertSameShape, type Panel } from "../../panel/index.ts";
import type { GroupIndex } from "./group-index.ts";

export interface FactorReturnOptions {
  /** Demean factor values before weighting (long-short); default true. */
  readonly demeaned?: boolean;
  /** Weight within these groups, each with equal gross weight. */
  readonly groups?: GroupIndex;
}

export interface FactorReturnSeries {
  readonly dates: readonly string[];
  /** Σ w·r per date. */
  readonly returns: Float64Array;
  /** Equal-weighted mean forward return of the same names per date. */
  readonly universe: Float64Array;
}

export function factorReturnSeries(factor: Panel, forward: Panel, options: FactorReturnOptions = {}): FactorReturnSeries {
  assertSameShape(factor, forward, "factorReturnSeries, forward returns");
  const demeaned = options.demeaned ?? true;
  const { groups } = options;
  const nTickers = factor.tickers.length;
  const nGroups = groups === undefined ? 1 : groups.labels.length;
  const groupOf = (t: number) => (groups === undefined ? 0 : groups.of[t]);
  const sum = new Float64Array(nGroups);
  const count = new Int32Array(nGroups);
  const gross = new Float64Array(nGroups);
  const returns = new Float64Array(factor.dates.length).fill(NaN);
  const universe = new Float64Array(factor.dates.length).fill(NaN);
  for (let d = 0; d < factor.dates.length; d++) {
    const base = d * nTickers;
    const takesPart = (t: number) => {
      const u = factor.values[base + t];
      const v = forward.values[base + t];
      return u - u === 0 && v - v === 0 && groupOf(t) >= 0;
    };
    sum.fill(0);
    count.fill(0);
    gross.fill(0);
    let names = 0;
    let returnSum = 0;
    for (let t = 0; t < nTickers; t++) {
      if (!takesPart(t)) continue;
      sum[groupOf(t)] += factor.values[base + t];
      count[groupOf(t)]++;
      names++;
      returnSum += forward.values[base + t];
    }
    if (names === 0) continue;
    universe[d] = returnSum / names;
    const raw = (t: number) => factor.values[base + t] - (demeaned ? sum[groupOf(t)] / count[groupOf(t)] : 0);
    for (let t = 0; t < nTickers; t++) if (takesPart(t)) gross[groupOf(t)] += Math.abs(raw(t));
    // Within-group weights raw/gross_g have gross 1 per group; dividing by the number of groups with
    // weight makes the date's gross 1 (for one group, the plain alphalens weights).
    const weighted = gross.reduce((k, g) => k + (g > 0 ? 1 : 0), 0);
    if (weighted === 0) continue;
    let total = 0;
    for (let t = 0; t < nTickers; t++) {
      const g = groupOf(t);
      if (takesPart(t) && gross[g] > 0) total += (raw(t) / gross[g] / weighted) * forward.values[base + t];
    }
    returns[d] = total;
  }
  return { dates: factor.dates, returns, universe };
}

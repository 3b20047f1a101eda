/**
 * Sample statistics over returns with empyrical's NaN rule: a NaN is a missing observation and is
 * skipped (numpy's nanmean / nanstd / nanpercentile), so a series with no observation gives NaN.
 */
import { InputError } from "../../errors.ts";

export type Returns = ArrayLike<number>;
export type Period = "daily" | "weekly" | "monthly" | "quarterly" | "yearly";

/** Periods per year, as empyrical's ANNUALIZATION_FACTORS. */
export const ANNUALIZATION_FACTORS: Readonly<Record<Period, number>> = { daily: 252, weekly: 52, monthly: 12, quarterly: 4, yearly: 1 };

/** `annualization` wins over `period` (empyrical's annualization_factor); the default period is daily. */
export function annualizationFactor(period: Period = "daily", annualization?: number): number {
  if (annualization !== undefined) {
    if (!(annualization > 0)) throw new InputError(`annualization must be a positive number of periods per year, got ${annualization}`);
    return annualization;
  }
  const factor = ANNUALIZATION_FACTORS[period];
  if (factor === undefined) throw new InputError(`unknown period "${period}": use daily, weekly, monthly, quarterly or yearly`);
  return factor;
}

/** returns − offset per position; offset is a per-period number or a series aligned by position. */
export function subtract(returns: Returns, offset: number | Returns, name = "riskFree"): Float64Array {
  const out = new Float64Array(returns.length);
  if (typeof offset === "number") {
    for (let i = 0; i < returns.length; i++) out[i] = returns[i] - offset;
    return out;
  }
  requireSameLength(returns, offset, name);
  for (let i = 0; i < returns.length; i++) out[i] = returns[i] - offset[i];
  return out;
}

export function requireSameLength(returns: Returns, other: Returns, name: string): void {
  if (other.length !== returns.length) {
    throw new InputError(`${name} has ${other.length} values but returns has ${returns.length}: align them by position (NaN for missing)`);
  }
}

export function nanMean(values: Returns): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) { sum += v; count++; }
  }
  return count === 0 ? NaN : sum / count;
}

/** Standard deviation with ddof = 1 (empyrical's nanstd(..., ddof=1)); fewer than two observations → NaN. */
export function nanStd(values: Returns): number {
  const mean = nanMean(values);
  let squares = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) { squares += (v - mean) * (v - mean); count++; }
  }
  return count < 2 ? NaN : Math.sqrt(squares / (count - 1));
}

/** The observations, NaN dropped, sorted ascending. */
export function sortedObservations(values: Returns): Float64Array {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) kept.push(values[i]);
  return Float64Array.from(kept).sort();
}

/** numpy's default percentile (linear interpolation between closest ranks), q in [0, 100]. */
export function percentileOfSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export function hasObservation(values: Returns): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) return true;
  return false;
}

/** The positions where keep(factor value) holds, taken from each series (empyrical's up/down filters). */
export function filterByFactor(returns: Returns, factorReturns: Returns, keep: (factor: number) => boolean): [Float64Array, Float64Array, number[]] {
  requireSameLength(returns, factorReturns, "factorReturns");
  const positions: number[] = [];
  for (let i = 0; i < factorReturns.length; i++) if (keep(factorReturns[i])) positions.push(i);
  return [Float64Array.from(positions, (i) => returns[i]), Float64Array.from(positions, (i) => factorReturns[i]), positions];
}

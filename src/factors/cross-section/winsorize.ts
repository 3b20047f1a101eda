/**
 * Winsorizing per date: clip each cross-section to its own lower and upper quantiles, so a few
 * extreme names (data errors, tiny denominators) cannot dominate means and standard deviations.
 *
 * Quantiles: linear interpolation between order statistics (Hyndman–Fan type 7, numpy's default):
 * q(p) = x(⌊h⌋) + (h − ⌊h⌋)(x(⌊h⌋+1) − x(⌊h⌋)) with h = (n − 1)p on the ascending 0-based sample.
 * Default 1% / 99%. Missing cells stay missing.
 */
import type { Panel } from "../../panel/index.ts";
import { mapCrossSections } from "./row-cells.ts";

export interface WinsorizeLimits {
  /** Lower quantile, 0 ≤ lower < upper. */
  readonly lower: number;
  /** Upper quantile, lower < upper ≤ 1. */
  readonly upper: number;
}

export const DEFAULT_WINSORIZE: WinsorizeLimits = { lower: 0.01, upper: 0.99 };

export function winsorize(panel: Panel, limits: WinsorizeLimits = DEFAULT_WINSORIZE): Panel {
  const { lower, upper } = limits;
  if (!(lower >= 0 && lower < upper && upper <= 1)) {
    throw new RangeError(`winsorize limits must satisfy 0 ≤ lower < upper ≤ 1, got ${lower} and ${upper}`);
  }
  return mapCrossSections(panel, (values, n, out) => {
    const sorted = values.slice(0, n).sort();
    const lo = quantileOfSorted(sorted, lower);
    const hi = quantileOfSorted(sorted, upper);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      out[i] = v < lo ? lo : v > hi ? hi : v;
    }
  });
}

/** Type-7 quantile of an ascending, non-empty sample. */
function quantileOfSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
}

/**
 * Percentile ranks per date on 0..1: (rank − 1) / (n − 1) with average ranks for ties (ranks.ts), so
 * the lowest value scores 0, the highest 1, and tied values share one percentile.
 * Fewer than 2 names on a date → NaN (a lone name has no position).
 */
import type { Panel } from "../../panel/index.ts";
import { averageRanks } from "./ranks.ts";
import { mapCrossSections } from "./row-cells.ts";

export function percentileRank(panel: Panel): Panel {
  return mapCrossSections(panel, (values, n, out) => {
    if (n < 2) {
      out.fill(NaN, 0, n);
      return;
    }
    averageRanks(values, n, out);
    for (let i = 0; i < n; i++) out[i] = (out[i] - 1) / (n - 1);
  });
}

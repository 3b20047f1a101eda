/**
 * Z-scores per date: (x − mean) / std over the date's finite cross-section.
 *
 * Convention: POPULATION standard deviation (ddof = 0, divisor n), so each date's z-scores have mean 0
 * and root-mean-square exactly 1 over the names scored; for universes of hundreds of names the choice
 * is immaterial, for hand checks it matters. Fewer than 2 names or zero dispersion → NaN for the whole
 * date (no cross-section to compare against, never 0).
 */
import type { Panel } from "../../panel/index.ts";
import { mapCrossSections } from "./row-cells.ts";

export function zscore(panel: Panel): Panel {
  return mapCrossSections(panel, (values, n, out) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i];
    const mean = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const dev = values[i] - mean;
      squares += dev * dev;
    }
    const std = Math.sqrt(squares / n);
    for (let i = 0; i < n; i++) out[i] = n >= 2 && std > 0 ? (values[i] - mean) / std : NaN;
  });
}

/**
 * How fast a factor's ranking changes between consecutive dates of the factor panel (e.g. month-ends).
 *
 * - Turnover: share of the names in the top quantile on the previous date that are no longer in it
 *   (dropped out of the top or out of the universe): |top(prev) \ top(cur)| / |top(prev)|, 0..1.
 *   Top quantile = bucket q − 1 of quantile-buckets.ts. Pairs where either date has an empty bucket
 *   are skipped.
 * - Rank autocorrelation: Spearman correlation of factor values between consecutive dates over the
 *   names present on both (correlation.ts rules).
 * Both are summarised over consecutive pairs (summary.ts).
 */
import { type Panel, row as rowOf } from "../../panel/index.ts";
import { finiteCells } from "../cross-section/row-cells.ts";
import { RowPairs } from "./correlation.ts";
import { QuantileBuckets } from "./quantile-buckets.ts";
import { type SeriesSummary, summarize } from "./summary.ts";

export interface FactorStability {
  readonly turnover: SeriesSummary;
  readonly rankAutocorrelation: SeriesSummary;
}

export function factorStability(factor: Panel, quantiles = 5): FactorStability {
  const nTickers = factor.tickers.length;
  const nDates = factor.dates.length;
  const buckets = new QuantileBuckets(nTickers, quantiles);
  const values = new Float64Array(nTickers);
  const columns = new Int32Array(nTickers);
  let previousTop = new Uint8Array(nTickers);
  let currentTop = new Uint8Array(nTickers);
  let previousFilled = false;
  const turnover = new Float64Array(Math.max(nDates - 1, 0)).fill(NaN);
  const autocorrelation = new Float64Array(Math.max(nDates - 1, 0)).fill(NaN);
  const pairs = new RowPairs(nTickers);
  for (let d = 0; d < nDates; d++) {
    const row = rowOf(factor, d);
    const n = finiteCells(row, values, columns);
    currentTop.fill(0);
    const filled = buckets.assign(values, n);
    if (filled) for (let i = 0; i < n; i++) if (buckets.bucket[i] === quantiles - 1) currentTop[columns[i]] = 1;
    if (d > 0) {
      if (filled && previousFilled) {
        let held = 0;
        let left = 0;
        for (let t = 0; t < nTickers; t++) {
          if (previousTop[t] === 1) {
            held++;
            if (currentTop[t] === 0) left++;
          }
        }
        turnover[d - 1] = left / held;
      }
      autocorrelation[d - 1] = pairs.load(rowOf(factor, d - 1), row).spearman();
    }
    [previousTop, currentTop] = [currentTop, previousTop];
    previousFilled = filled;
  }
  return { turnover: summarize(turnover), rankAutocorrelation: summarize(autocorrelation) };
}

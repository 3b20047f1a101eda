/**
 * Turnover of every quantile, alphalens' quantile_turnover: the share of the names in quantile q on a
 * date that were NOT in q on the previous date of the factor panel, |cur_q \ prev_q| / |cur_q|, 0..1
 * (names new to the quantile ÷ its size; a name that has just entered the universe counts as new).
 *
 * Quantiles are cut from the factor values alone on each date (buckets.ts, rank or qcut), like
 * stability.ts: a date needs no forward return to have a quantile. (Alphalens cuts them on its cleaned
 * rows, so its last dates, lacking forward returns, have none.) A pair of dates where either date
 * cannot be bucketed has NaN. Note stability.ts's top-quantile turnover counts the other way (names
 * that LEFT ÷ the previous size); both are kept. Per period = per consecutive pair of panel dates.
 */
import type { Panel } from "../../panel/index.ts";
import { bucketsFor, type QuantileMethod } from "./buckets.ts";
import { forEachBucketedDate } from "./bucketed-dates.ts";
import { type SeriesSummary, summarize } from "./summary.ts";

/** turnover[q][d − 1]: turnover of quantile q (0 = lowest) from date d − 1 to date d; NaN when undefined. */
export function quantileTurnoverSeries(factor: Panel, quantiles = 5, method: QuantileMethod = "rank"): Float64Array[] {
  const nTickers = factor.tickers.length;
  const nDates = factor.dates.length;
  const turnover = Array.from({ length: quantiles }, () => new Float64Array(Math.max(nDates - 1, 0)).fill(NaN));
  // Quantile of each ticker on the previous and the current date, −1 = none; swapped per date.
  let previous = new Int32Array(nTickers).fill(-1);
  let current = new Int32Array(nTickers).fill(-1);
  let previousDate = -2;
  const size = new Int32Array(quantiles);
  const fresh = new Int32Array(quantiles);
  forEachBucketedDate(factor, null, bucketsFor(method, nTickers, quantiles), ({ d, n, columns, buckets }) => {
    current.fill(-1);
    for (let i = 0; i < n; i++) current[columns[i]] = buckets.bucket[i];
    if (previousDate === d - 1) {
      size.fill(0);
      fresh.fill(0);
      for (let t = 0; t < nTickers; t++) {
        const q = current[t];
        if (q < 0) continue;
        size[q]++;
        if (previous[t] !== q) fresh[q]++;
      }
      for (let q = 0; q < quantiles; q++) turnover[q][d - 1] = fresh[q] / size[q];
    }
    [previous, current] = [current, previous];
    previousDate = d;
  });
  return turnover;
}

/** Per-quantile turnover summarised over consecutive date pairs (summary.ts), lowest quantile first. */
export function quantileTurnover(factor: Panel, quantiles = 5, method: QuantileMethod = "rank"): SeriesSummary[] {
  return quantileTurnoverSeries(factor, quantiles, method).map((series) => summarize(series));
}

/**
 * Demeaned and group-adjusted forward returns, as alphalens' demean_forward_returns: each return
 * minus the date's cross-sectional mean ("demeaned"), or minus the mean of its group on that date
 * ("group-adjusted", e.g. sector). Alphalens uses these for mean return by quantile with
 * demeaned=True (its default) or group_adjust=True; they show a factor's relative ranking power with
 * the market's (or the sector's) move taken out.
 *
 * The mean is taken over the names that take part in the analysis on that date: a finite factor value
 * and a finite forward return (and, group-adjusted, a group). Every other cell is NaN in the result,
 * so quantile figures over the result see exactly those names. A group with one name on a date
 * demeans to 0. Equal-weighted means; units as the input (fraction over the horizon).
 */
import { assertSameShape, nanPanel, type Panel } from "../../panel/index.ts";
import type { GroupIndex } from "./group-index.ts";

/** Forward returns minus the date's mean (or, with `groups`, the date's group mean). */
export function demeanedReturns(factor: Panel, forward: Panel, groups?: GroupIndex): Panel {
  assertSameShape(factor, forward, "demeanedReturns, forward returns");
  const nTickers = factor.tickers.length;
  const nGroups = groups === undefined ? 1 : groups.labels.length;
  const groupOf = (t: number) => (groups === undefined ? 0 : groups.of[t]);
  const sum = new Float64Array(nGroups);
  const count = new Int32Array(nGroups);
  const result = nanPanel(forward.dates, forward.tickers);
  for (let d = 0; d < factor.dates.length; d++) {
    const base = d * nTickers;
    sum.fill(0);
    count.fill(0);
    const takesPart = (t: number) => {
      const u = factor.values[base + t];
      const v = forward.values[base + t];
      return u - u === 0 && v - v === 0 && groupOf(t) >= 0;
    };
    for (let t = 0; t < nTickers; t++) {
      if (!takesPart(t)) continue;
      sum[groupOf(t)] += forward.values[base + t];
      count[groupOf(t)]++;
    }
    for (let t = 0; t < nTickers; t++) {
      if (takesPart(t)) result.values[base + t] = forward.values[base + t] - sum[groupOf(t)] / count[groupOf(t)];
    }
  }
  return result;
}

/**
 * Information coefficients per date: the cross-sectional correlation between factor values on date t
 * and the forward returns from t (forward-returns.ts). IC = Pearson, rank IC = Spearman.
 * Both panels must share dates and tickers. A date without enough pairs has NaN (correlation.ts) and
 * drops out of the summaries.
 */
import type { Panel } from "../../panel.ts";
import { assertSameShape } from "../panel-shape.ts";
import { RowPairs } from "./correlation.ts";
import { type SeriesSummary, summarize } from "./summary.ts";

export interface IcSeries {
  readonly dates: readonly string[];
  readonly ic: Float64Array;
  readonly rankIc: Float64Array;
}

export interface IcSummary {
  readonly ic: SeriesSummary;
  readonly rankIc: SeriesSummary;
}

export function icSeries(factor: Panel, forward: Panel): IcSeries {
  assertSameShape(factor, forward, "icSeries, forward returns");
  const nTickers = factor.tickers.length;
  const pairs = new RowPairs(nTickers);
  const ic = new Float64Array(factor.dates.length);
  const rankIc = new Float64Array(factor.dates.length);
  for (let d = 0; d < factor.dates.length; d++) {
    const base = d * nTickers;
    pairs.load(factor.values.subarray(base, base + nTickers), forward.values.subarray(base, base + nTickers));
    ic[d] = pairs.pearson();
    rankIc[d] = pairs.spearman();
  }
  return { dates: factor.dates, ic, rankIc };
}

export function summarizeIc(series: IcSeries): IcSummary {
  return { ic: summarize(series.ic), rankIc: summarize(series.rankIc) };
}

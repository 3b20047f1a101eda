/**
 * Information coefficients per date: the cross-sectional correlation between factor values on date t
 * and the forward returns from t (forward-returns.ts). IC = Pearson, rank IC = Spearman.
 * Both panels must share dates and tickers. A date without enough pairs has NaN (correlation.ts) and
 * drops out of the summaries.
 */
import { assertSameShape, type Panel, row } from "../../panel/index.ts";
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
  const pairs = new RowPairs(factor.tickers.length);
  const ic = new Float64Array(factor.dates.length);
  const rankIc = new Float64Array(factor.dates.length);
  for (let d = 0; d < factor.dates.length; d++) {
    pairs.load(row(factor, d), row(forward, d));
    ic[d] = pairs.pearson();
    rankIc[d] = pairs.spearman();
  }
  return { dates: factor.dates, ic, rankIc };
}

export function summarizeIc(series: IcSeries): IcSummary {
  return { ic: summarize(series.ic), rankIc: summarize(series.rankIc) };
}

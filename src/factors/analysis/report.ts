/**
 * A factor's evaluation report: IC and rank IC summaries, quantile returns and spread per forward
 * horizon (default 1, 5 and 21 trading days), turnover and rank autocorrelation. Plain objects with
 * numbers or null, ready for a table or JSON.
 *
 * `factor` holds raw values on evaluation dates (any subset of the close panel's dates, e.g. month-
 * ends); forward returns are computed from `closes` at those dates. With `direction` −1 the factor is
 * negated first, so a positive IC and a positive top-minus-bottom spread always mean "works as
 * intended" and the top quantile holds the preferred names. Conventions of each figure: summary.ts
 * (sample std, IR not annualised), ic.ts, quantile-returns.ts, stability.ts.
 */
import { type Panel, rowsOfDates, sameLabels } from "../../panel/index.ts";
import type { Direction } from "../types.ts";
import { forwardReturns } from "./forward-returns.ts";
import { type IcSummary, icSeries, summarizeIc } from "./ic.ts";
import { type QuantileReturns, quantileReturns } from "./quantile-returns.ts";
import { type FactorStability, factorStability } from "./stability.ts";
import { InputError } from "../../errors.ts";

export interface ReportOptions {
  readonly horizons?: readonly number[];
  readonly quantiles?: number;
  readonly direction?: Direction;
}

export interface HorizonReport extends IcSummary {
  /** Forward horizon in trading days. */
  readonly horizon: number;
  readonly quantileReturns: QuantileReturns;
}

export interface FactorReport extends FactorStability {
  readonly from: string | null;
  readonly to: string | null;
  /** Evaluation dates in the factor panel. */
  readonly dates: number;
  readonly direction: Direction;
  readonly horizons: HorizonReport[];
}

export const DEFAULT_HORIZONS: readonly number[] = [1, 5, 21];

export function analyzeFactor(factor: Panel, closes: Panel, options: ReportOptions = {}): FactorReport {
  const direction = options.direction ?? 1;
  const quantiles = options.quantiles ?? 5;
  if (!sameLabels(factor.tickers, closes.tickers)) {
    throw new InputError("analyzeFactor: factor and close panels must list the same tickers in the same order");
  }
  const rows = rowsOfDates(closes, factor.dates);
  const oriented: Panel =
    direction === 1 ? factor : { dates: factor.dates, tickers: factor.tickers, values: factor.values.map((v) => -v) };
  const horizons = (options.horizons ?? DEFAULT_HORIZONS).map((horizon): HorizonReport => {
    const forward = forwardReturns(closes, horizon, rows);
    return { horizon, ...summarizeIc(icSeries(oriented, forward)), quantileReturns: quantileReturns(oriented, forward, quantiles) };
  });
  return {
    from: factor.dates[0] ?? null,
    to: factor.dates.at(-1) ?? null,
    dates: factor.dates.length,
    direction,
    horizons,
    ...factorStability(oriented, quantiles),
  };
}

/**
 * A factor's evaluation report: IC and rank IC summaries, quantile returns and spread per forward
 * horizon (default 1, 5 and 21 trading days), turnover and rank autocorrelation, and the alphalens
 * tear-sheet figures: demeaned and group-adjusted quantile returns, IC and quantile returns by group,
 * turnover of every quantile, factor-weighted long-short returns with alpha and beta, and the cleaning
 * report. Plain objects with numbers or null, ready for a table or JSON.
 *
 * `factor` holds raw values on evaluation dates (any subset of the close panel's dates, e.g. month-
 * ends); forward returns are computed from `closes` at those dates. With `direction` −1 the factor is
 * negated first, so a positive IC and a positive top-minus-bottom spread always mean "works as
 * intended" and the top quantile holds the preferred names. `groups` (one label per ticker, null =
 * none; e.g. sectors) adds the group figures; `quantileMethod` "qcut" cuts quantiles by pandas-qcut
 * edges instead of ranks (buckets.ts) for every quantile figure except the top-quantile `turnover`,
 * which keeps rank buckets. More entries dropped than `maxLoss` (default 0.35, as alphalens) is an
 * InputError (cleaning.ts). Conventions of each figure: summary.ts (sample std, IR not annualised),
 * ic.ts, quantile-returns.ts, demean.ts, ic-by-group.ts, quantile-returns-by-group.ts,
 * quantile-turnover.ts, factor-returns.ts, alpha-beta.ts (alpha annualised (1 + α)^(252/h) − 1),
 * stability.ts, cleaning.ts.
 */
import { type Panel, rowsOfDates, sameLabels, selectRows } from "../../panel/index.ts";
import type { Direction } from "../types.ts";
import { type AlphaBeta, alphaBeta } from "./alpha-beta.ts";
import type { QuantileMethod } from "./buckets.ts";
import { type CleaningReport, cleaningReport } from "./cleaning.ts";
import { demeanedReturns } from "./demean.ts";
import { factorReturnSeries, type FactorReturnOptions } from "./factor-returns.ts";
import { forwardReturns } from "./forward-returns.ts";
import { type GroupIndex, groupIndex } from "./group-index.ts";
import { type IcSummary, icSeries, summarizeIc } from "./ic.ts";
import { icByGroup } from "./ic-by-group.ts";
import { type QuantileReturns, quantileReturns } from "./quantile-returns.ts";
import { type GroupQuantileReturns, quantileReturnsByGroup } from "./quantile-returns-by-group.ts";
import { quantileTurnover } from "./quantile-turnover.ts";
import { type FactorStability, factorStability } from "./stability.ts";
import { type SeriesSummary, summarize } from "./summary.ts";
import { InputError } from "../../errors.ts";

export interface ReportOptions {
  readonly horizons?: readonly number[];
  readonly quantiles?: number;
  readonly direction?: Direction;
  /** Group of each ticker (panel order), null = none; enables the group figures. */
  readonly groups?: readonly (string | null)[];
  /** "rank" (default) or "qcut". */
  readonly quantileMethod?: QuantileMethod;
  /** Largest share of entries the cleaning may drop, 0..1; default 0.35. */
  readonly maxLoss?: number;
}

/** Factor-weighted long-short returns per date, summarised, with alpha and beta on the universe. */
export interface FactorReturnsReport extends AlphaBeta {
  readonly returns: SeriesSummary;
}

export interface GroupReport extends IcSummary {
  readonly group: string;
  readonly names: number;
  /** Raw forward returns by universe quantile within the group. */
  readonly quantileReturns: Omit<GroupQuantileReturns, "group">;
}

export interface HorizonReport extends IcSummary {
  /** Forward horizon in trading days. */
  readonly horizon: number;
  readonly quantileReturns: QuantileReturns;
  /** Quantile returns of forward returns minus the date's mean. */
  readonly demeanedQuantileReturns: QuantileReturns;
  /** Quantile returns of forward returns minus the date's group mean; null without groups. */
  readonly groupAdjustedQuantileReturns: QuantileReturns | null;
  /** Long-short factor-weighted returns over the universe. */
  readonly factorReturns: FactorReturnsReport;
  /** The same with group-neutral weights (every group the same gross weight); null without groups. */
  readonly groupNeutralFactorReturns: FactorReturnsReport | null;
  /** IC and quantile returns within each group, in label order; null without groups. */
  readonly groups: GroupReport[] | null;
}

export interface FactorReport extends FactorStability {
  readonly from: string | null;
  readonly to: string | null;
  /** Evaluation dates in the factor panel. */
  readonly dates: number;
  readonly direction: Direction;
  readonly quantileMethod: QuantileMethod;
  readonly horizons: HorizonReport[];
  /** alphalens quantile_turnover per quantile (new names ÷ size), lowest quantile first. */
  readonly turnoverByQuantile: SeriesSummary[];
  readonly cleaning: CleaningReport;
}

export const DEFAULT_HORIZONS: readonly number[] = [1, 5, 21];

export function analyzeFactor(factor: Panel, closes: Panel, options: ReportOptions = {}): FactorReport {
  const direction = options.direction ?? 1;
  const quantiles = options.quantiles ?? 5;
  const method = options.quantileMethod ?? "rank";
  if (!sameLabels(factor.tickers, closes.tickers)) {
    throw new InputError("analyzeFactor: factor and close panels must list the same tickers in the same order");
  }
  if (options.groups !== undefined && options.groups.length !== factor.tickers.length) {
    throw new InputError(`analyzeFactor: groups has ${options.groups.length} labels for ${factor.tickers.length} tickers; give one per ticker (null for none)`);
  }
  const groups = options.groups === undefined ? undefined : groupIndex(options.groups);
  const rows = rowsOfDates(closes, factor.dates);
  const oriented: Panel =
    direction === 1 ? factor : { dates: factor.dates, tickers: factor.tickers, values: factor.values.map((v) => -v) };
  const forwards = (options.horizons ?? DEFAULT_HORIZONS).map((horizon) => ({ horizon, forward: forwardReturns(closes, horizon, rows) }));
  const cleaning = cleaningReport({
    factor: oriented,
    closesOnDates: selectRows(closes, rows),
    forwards,
    quantiles,
    method,
    groups,
    maxLoss: options.maxLoss,
  });
  const horizons = forwards.map(({ horizon, forward }): HorizonReport => ({
    horizon,
    ...summarizeIc(icSeries(oriented, forward)),
    quantileReturns: quantileReturns(oriented, forward, quantiles, method),
    demeanedQuantileReturns: quantileReturns(oriented, demeanedReturns(oriented, forward), quantiles, method),
    groupAdjustedQuantileReturns: groups === undefined ? null : quantileReturns(oriented, demeanedReturns(oriented, forward, groups), quantiles, method),
    factorReturns: factorReturnsReport(oriented, forward, horizon, {}),
    groupNeutralFactorReturns: groups === undefined ? null : factorReturnsReport(oriented, forward, horizon, { groups }),
    groups: groups === undefined ? null : groupReports(oriented, forward, groups, quantiles, method),
  }));
  return {
    from: factor.dates[0] ?? null,
    to: factor.dates.at(-1) ?? null,
    dates: factor.dates.length,
    direction,
    quantileMethod: method,
    horizons,
    ...factorStability(oriented, quantiles),
    turnoverByQuantile: quantileTurnover(oriented, quantiles, method),
    cleaning,
  };
}

function factorReturnsReport(factor: Panel, forward: Panel, horizon: number, options: FactorReturnOptions): FactorReturnsReport {
  const series = factorReturnSeries(factor, forward, options);
  return { returns: summarize(series.returns), ...alphaBeta(series.returns, series.universe, horizon) };
}

function groupReports(factor: Panel, forward: Panel, groups: GroupIndex, quantiles: number, method: QuantileMethod): GroupReport[] {
  const byQuantile = quantileReturnsByGroup(factor, forward, groups, quantiles, method);
  return icByGroup(factor, forward, groups).map((ic, g) => {
    const { group: _, ...returns } = byQuantile[g];
    return { ...ic, quantileReturns: returns };
  });
}

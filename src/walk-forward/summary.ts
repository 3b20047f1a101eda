/**
 * Walk-forward summaries: the per-fold and across-fold figures of issue 11, as pure functions over
 * numbers the fold backtests produced. Metric conventions are ../backtest/metrics.ts's (NaN is a
 * missing observation and is skipped; standard deviations use ddof = 1; ratios divide as numpy does).
 *
 * - medianObjective: median of the finite values (NaN and ±Infinity dropped; an infinite Sharpe comes
 *   from a flat positive curve and would say nothing about the middle); an even count gives the mean
 *   of the two middle values; no finite value → NaN.
 * - overfittingRatio = OOS Sharpe ÷ IS Sharpe (the seed's walk_forward_results definition); NaN when
 *   the IS Sharpe is 0 or either is NaN.
 * - walkForwardEfficiency (Pardo's WFE) = annualised OOS return ÷ annualised IS return; over several
 *   folds the mean of the folds' OOS annual returns ÷ the mean of their IS annual returns (a ratio of
 *   means: one fold with a tiny IS return cannot swamp it as it would a mean of ratios). NaN when the
 *   IS mean is 0 or missing. A negative IS mean gives a ratio whose sign is not a verdict; read it so.
 * - parameterStability: `changes` = folds whose chosen set differs from the previous fold's (a key
 *   added, dropped or with another value); changeRate = changes ÷ (folds − 1), NaN under two folds;
 *   coefficientOfVariation per parameter numeric in every fold, std ÷ |mean| (NaN for mean 0 or
 *   under two folds), keys in the first fold's order.
 * - stitchEquity chains the test windows' equity into one curve: each fold's daily simple returns (its
 *   first point against its own startingValue, as a backtest's first day is against its initial cash)
 *   are compounded from the first fold's startingValue. `values` and `returns` align with `dates`; the
 *   starting value precedes the first date and is returned as `startingValue`.
 * - sharpeTStat: the t-statistic of the mean per-period return, mean ÷ (std / √n) with n observations,
 *   which is the per-period Sharpe × √n; NaN under two observations.
 */
import { InputError } from "../errors.ts";
import { sharpeRatio } from "../backtest/metrics.ts";
import { nanMean, nanStd, percentileOfSorted, type Returns } from "../backtest/metrics/sample.ts";
import type { StrategyParameters } from "../backtest/strategies/index.ts";

export function medianObjective(values: Returns): number {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  // numpy's linear-interpolation percentile at 50 is the median, mean of the middle two for an even count
  return percentileOfSorted(Float64Array.from(finite).sort(), 50);
}

export function overfittingRatio(isSharpe: number, oosSharpe: number): number {
  if (isSharpe === 0 || Number.isNaN(isSharpe) || Number.isNaN(oosSharpe)) return NaN;
  return oosSharpe / isSharpe;
}

export function walkForwardEfficiency(isAnnualReturns: Returns, oosAnnualReturns: Returns): number {
  if (isAnnualReturns.length !== oosAnnualReturns.length) {
    throw new InputError(
      `walk-forward efficiency needs one IS and one OOS annual return per fold, got ${isAnnualReturns.length} IS and ${oosAnnualReturns.length} OOS`,
    );
  }
  const isMean = nanMean(isAnnualReturns);
  if (isMean === 0 || Number.isNaN(isMean)) return NaN;
  return nanMean(oosAnnualReturns) / isMean;
}

export interface ParameterStability {
  readonly changes: number;
  readonly changeRate: number;
  readonly coefficientOfVariation: Record<string, number>;
}

export function parameterStability(chosen: readonly StrategyParameters[]): ParameterStability {
  let changes = 0;
  for (let k = 1; k < chosen.length; k++) if (!sameParameters(chosen[k - 1], chosen[k])) changes++;
  const coefficientOfVariation: Record<string, number> = {};
  for (const key of Object.keys(chosen[0] ?? {})) {
    if (!chosen.every((params) => typeof params[key] === "number")) continue;
    const values = chosen.map((params) => params[key] as number);
    const mean = nanMean(values);
    coefficientOfVariation[key] = mean === 0 ? NaN : nanStd(values) / Math.abs(mean);
  }
  return { changes, changeRate: chosen.length < 2 ? NaN : changes / (chosen.length - 1), coefficientOfVariation };
}

function sameParameters(a: StrategyParameters, b: StrategyParameters): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}

export interface FoldEquity {
  readonly dates: readonly string[];
  /** End-of-day equity, one value per date. */
  readonly values: Float64Array;
  /** The equity before the fold's first day (its initial cash). */
  readonly startingValue: number;
}

export interface StitchedEquity {
  readonly startingValue: number;
  readonly dates: string[];
  readonly values: Float64Array;
  /** Daily simple returns, the first against startingValue. */
  readonly returns: Float64Array;
}

export function stitchEquity(folds: readonly FoldEquity[]): StitchedEquity {
  const total = folds.reduce((sum, fold) => sum + fold.dates.length, 0);
  const dates: string[] = [];
  const values = new Float64Array(total);
  const returns = new Float64Array(total);
  const startingValue = folds.length === 0 ? NaN : folds[0].startingValue;
  let running = startingValue;
  folds.forEach((fold, k) => {
    if (fold.values.length !== fold.dates.length) {
      throw new InputError(`fold ${k + 1} has ${fold.values.length} equity values for ${fold.dates.length} dates: give one value per date`);
    }
    if (!(fold.startingValue > 0)) throw new InputError(`fold ${k + 1} starts from equity ${fold.startingValue}: it must be positive`);
    let previous = fold.startingValue;
    for (let i = 0; i < fold.dates.length; i++) {
      const date = fold.dates[i];
      const last = dates[dates.length - 1];
      if (last !== undefined && !(date > last)) {
        throw new RangeError(`fold ${k + 1} date ${date} does not follow ${last}: test windows must be in date order and must not overlap`);
      }
      const r = fold.values[i] / previous - 1;
      previous = fold.values[i];
      running *= 1 + r;
      returns[dates.length] = r;
      values[dates.length] = running;
      dates.push(date);
    }
  });
  return { startingValue, dates, values, returns };
}

export function sharpeTStat(returns: Returns): number {
  let n = 0;
  for (let i = 0; i < returns.length; i++) if (!Number.isNaN(returns[i])) n++;
  if (n < 2) return NaN;
  // annualization 1 makes sharpeRatio the per-period mean ÷ std
  return sharpeRatio(returns, { annualization: 1 }) * Math.sqrt(n);
}

/**
 * The overfitting statistics of a walk-forward search, from its trials' out-of-sample returns.
 *
 * Trials × days matrix: column j is parameter set j's daily returns on every fold's test window, in
 * date order (each fold's test backtest of that set, its first day against the initial cash). These
 * are the same days as the stitched out-of-sample run, so the matrix answers "was picking by the
 * train windows better than picking at random among the sets?" on one common sample.
 * - Deflated Sharpe: the stitched run's per-period Sharpe (mean ÷ std, ddof 1) and its
 *   observations, skewness and raw kurtosis (population moments, overfitting/moments.ts), against
 *   the expected maximum of `trials` Sharpe ratios whose variance is the sample variance (ddof 1)
 *   of the columns' per-period Sharpe ratios (columns without a finite Sharpe are left out).
 * - PBO: CSCV over the matrix with S partitions (overfitting/backtest-overfitting.ts).
 * Anything not computable (one trial, a flat curve, fewer days than partitions) is NaN, and `note`
 * says why, so a long run never ends in an error for want of a statistic.
 */
import { sharpeRatio } from "../backtest/metrics.ts";
import { nanStd } from "../backtest/metrics/sample.ts";
import { deflatedSharpeRatio, probabilityOfBacktestOverfitting, skewAndKurtosis } from "./overfitting/index.ts";

export interface DeflatedSharpeReport {
  readonly sharpe: number;
  readonly observations: number;
  readonly trials: number;
  readonly varianceOfTrialSharpes: number;
  readonly skew: number;
  readonly kurtosis: number;
  readonly expectedMaxSharpe: number;
  readonly dsr: number;
}

export interface OverfittingReport {
  readonly partitions: number;
  readonly combinations: number;
  readonly pbo: number;
  readonly degradationSlope: number;
  readonly probOosLoss: number;
}

const perPeriodSharpe = (returns: ArrayLike<number>) => sharpeRatio(returns as Float64Array, { annualization: 1 });

export function deflatedSharpeOfSearch(stitched: Float64Array, trialReturns: readonly Float64Array[]): { value: DeflatedSharpeReport; note?: string } {
  const sharpe = perPeriodSharpe(stitched);
  const { skew, kurtosis } = skewAndKurtosis(stitched);
  const trialSharpes = trialReturns.map(perPeriodSharpe).filter(Number.isFinite);
  const sd = nanStd(trialSharpes);
  const varianceOfTrialSharpes = trialReturns.length === 1 ? 0 : sd * sd;
  const base = { sharpe, observations: stitched.length, trials: trialReturns.length, varianceOfTrialSharpes, skew, kurtosis };
  const missing = Object.entries(base).find(([, v]) => !Number.isFinite(v));
  if (missing !== undefined || stitched.length < 2) {
    return { value: { ...base, expectedMaxSharpe: NaN, dsr: NaN }, note: `deflated Sharpe not computable: ${missing ? `${missing[0]} is ${missing[1]}` : "fewer than 2 out-of-sample days"}` };
  }
  try {
    return { value: { ...base, ...deflatedSharpeRatio(base) } };
  } catch (error) {
    return { value: { ...base, expectedMaxSharpe: NaN, dsr: NaN }, note: `deflated Sharpe not computable: ${(error as Error).message}` };
  }
}

export function overfittingOfSearch(trialReturns: readonly Float64Array[], partitions: number): { value: OverfittingReport; note?: string } {
  const none = (why: string) => ({ value: { partitions, combinations: NaN, pbo: NaN, degradationSlope: NaN, probOosLoss: NaN }, note: `PBO not computable: ${why}` });
  if (trialReturns.length < 2) return none("it compares parameter sets, and the search has one");
  const days = trialReturns[0].length;
  if (days < partitions) return none(`${days} out-of-sample days cannot fill ${partitions} partitions; lower --partitions`);
  try {
    const { logits: _logits, ...value } = probabilityOfBacktestOverfitting(trialReturns, { partitions });
    return { value };
  } catch (error) {
    return none((error as Error).message);
  }
}

/**
 * Metrics of one return series (empyrical's stats.py); conventions in ../metrics.ts.
 */
import { InputError } from "../../errors.ts";
import {
  annualizationFactor, hasObservation, nanMean, nanStd, percentileOfSorted, sortedObservations, subtract,
  type Period, type Returns,
} from "./sample.ts";

export interface MetricOptions {
  period?: Period;
  /** Periods per year; overrides `period`. */
  annualization?: number;
  /** Per-period risk-free return, a number or a series aligned with the returns. */
  riskFree?: number | Returns;
  /** Per-period minimum acceptable return (omegaRatio: annual). */
  requiredReturn?: number;
  startingValue?: number;
  cutoff?: number;
  window?: number;
}

/** Cumulative returns (startingValue 0) or values from startingValue; NaN compounds as 0. */
export function cumReturns(returns: Returns, options: MetricOptions = {}): Float64Array {
  const startingValue = options.startingValue ?? 0;
  const out = new Float64Array(returns.length);
  let growth = 1;
  for (let i = 0; i < returns.length; i++) {
    if (!Number.isNaN(returns[i])) growth *= 1 + returns[i];
    out[i] = startingValue === 0 ? growth - 1 : growth * startingValue;
  }
  return out;
}

/** The last value of cumReturns; NaN when there is no observation. */
export function cumReturnsFinal(returns: Returns, options: MetricOptions = {}): number {
  if (!hasObservation(returns)) return NaN;
  const path = cumReturns(returns, options);
  return path[path.length - 1];
}

/** Compound annual growth rate: (ending value)^(1 / years) − 1 with years = n / factor. */
export function annualReturn(returns: Returns, options: MetricOptions = {}): number {
  if (returns.length < 1 || !hasObservation(returns)) return NaN;
  const years = returns.length / annualizationFactor(options.period, options.annualization);
  return cumReturnsFinal(returns, { startingValue: 1 }) ** (1 / years) - 1;
}

export const cagr = annualReturn;

export function annualVolatility(returns: Returns, options: MetricOptions = {}): number {
  if (returns.length < 2) return NaN;
  return nanStd(returns) * Math.sqrt(annualizationFactor(options.period, options.annualization));
}

/** mean(r − rf) / std(r − rf) · √factor. */
export function sharpeRatio(returns: Returns, options: MetricOptions = {}): number {
  if (returns.length < 2) return NaN;
  const excess = subtract(returns, options.riskFree ?? 0);
  return (nanMean(excess) / nanStd(excess)) * Math.sqrt(annualizationFactor(options.period, options.annualization));
}

/** √(mean(min(r − required, 0)²)) · √factor, the mean over every observation. */
export function downsideRisk(returns: Returns, options: MetricOptions = {}): number {
  if (returns.length < 1) return NaN;
  const required = options.requiredReturn ?? 0;
  const squares = new Float64Array(returns.length);
  for (let i = 0; i < returns.length; i++) {
    const shortfall = Math.min(returns[i] - required, 0);
    squares[i] = shortfall * shortfall; // NaN stays NaN (Math.min propagates it)
  }
  return Math.sqrt(nanMean(squares)) * Math.sqrt(annualizationFactor(options.period, options.annualization));
}

/** mean(r − required) · factor / downsideRisk. */
export function sortinoRatio(returns: Returns, options: MetricOptions = {}): number {
  if (returns.length < 2) return NaN;
  const factor = annualizationFactor(options.period, options.annualization);
  const averageAnnual = nanMean(subtract(returns, options.requiredReturn ?? 0)) * factor;
  return averageAnnual / downsideRisk(returns, options);
}

/** The largest fall from a running peak of the value path (starting before the first return), ≤ 0. */
export function maxDrawdown(returns: Returns): number {
  if (!hasObservation(returns)) return NaN;
  let value = 1;
  let peak = 1;
  let worst = 0;
  for (let i = 0; i < returns.length; i++) {
    if (!Number.isNaN(returns[i])) value *= 1 + returns[i];
    peak = Math.max(peak, value);
    worst = Math.min(worst, (value - peak) / peak);
  }
  return worst;
}

/** annualReturn / |maxDrawdown|; NaN without a drawdown. */
export function calmarRatio(returns: Returns, options: MetricOptions = {}): number {
  const drawdown = maxDrawdown(returns);
  if (!(drawdown < 0)) return NaN;
  const ratio = annualReturn(returns, options) / Math.abs(drawdown);
  return Number.isFinite(ratio) ? ratio : NaN;
}

/** Σ gains over the threshold / Σ losses under it, threshold = rf + deannualized requiredReturn. */
export function omegaRatio(returns: Returns, options: MetricOptions = {}): number {
  if (returns.length < 2) return NaN;
  const factor = annualizationFactor(options.period, options.annualization);
  const required = options.requiredReturn ?? 0;
  if (factor !== 1 && required <= -1) return NaN;
  const threshold = factor === 1 ? required : (1 + required) ** (1 / factor) - 1;
  const excess = subtract(subtract(returns, options.riskFree ?? 0), threshold);
  let gains = 0;
  let losses = 0;
  for (const v of excess) {
    if (v > 0) gains += v;
    else if (v < 0) losses -= v;
  }
  return losses > 0 ? gains / losses : NaN;
}

/** R² of a least-squares line through the cumulative log returns (NaN dropped) against time. */
export function stabilityOfTimeseries(returns: Returns): number {
  if (returns.length < 2) return NaN;
  const logs: number[] = [];
  let total = 0;
  for (let i = 0; i < returns.length; i++) {
    if (Number.isNaN(returns[i])) continue;
    total += Math.log1p(returns[i]);
    logs.push(total);
  }
  const n = logs.length;
  if (n < 2) return NaN;
  const meanX = (n - 1) / 2;
  const meanY = logs.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - meanX) * (logs[i] - meanY);
    sxx += (i - meanX) ** 2;
    syy += (logs[i] - meanY) ** 2;
  }
  if (syy === 0) return 0; // scipy's linregress reports r = 0 for a flat line
  return (sxy * sxy) / (sxx * syy);
}

/** |95th percentile| / |5th percentile|. */
export function tailRatio(returns: Returns): number {
  const sorted = sortedObservations(returns);
  if (sorted.length === 0) return NaN;
  return Math.abs(percentileOfSorted(sorted, 95)) / Math.abs(percentileOfSorted(sorted, 5));
}

function cutoffOf(options: MetricOptions): number {
  const cutoff = options.cutoff ?? 0.05;
  if (!(cutoff >= 0 && cutoff <= 1)) throw new InputError(`cutoff must be a fraction between 0 and 1, got ${cutoff}`);
  return cutoff;
}

export function valueAtRisk(returns: Returns, options: MetricOptions = {}): number {
  const cutoff = cutoffOf(options);
  return percentileOfSorted(sortedObservations(returns), 100 * cutoff);
}

/** Mean of the worst floor((n − 1)·cutoff) + 1 returns (expected shortfall). */
export function conditionalValueAtRisk(returns: Returns, options: MetricOptions = {}): number {
  const cutoff = cutoffOf(options);
  const sorted = sortedObservations(returns);
  if (sorted.length === 0) return NaN;
  return nanMean(sorted.subarray(0, Math.floor((sorted.length - 1) * cutoff) + 1));
}

/** mean(r − f) / std(r − f), not annualized. */
export function excessSharpe(returns: Returns, factorReturns: Returns): number {
  if (returns.length < 2) return NaN;
  const active = subtract(returns, factorReturns, "factorReturns");
  return nanMean(active) / nanStd(active);
}

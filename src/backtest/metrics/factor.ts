/**
 * Metrics against factor (benchmark) returns (empyrical's alpha/beta and capture family);
 * conventions in ../metrics.ts.
 */
import { annualReturn, type MetricOptions } from "./returns.ts";
import { annualizationFactor, filterByFactor, nanMean, requireSameLength, subtract, type Returns } from "./sample.ts";

export interface AlphaBeta {
  alpha: number;
  beta: number;
}

/** cov(r, f) / var(f) over the periods where both are present (population moments; ddof cancels). */
export function beta(returns: Returns, factorReturns: Returns, options: MetricOptions = {}): number {
  requireSameLength(returns, factorReturns, "factorReturns");
  if (returns.length < 2) return NaN;
  const riskFree = options.riskFree ?? 0;
  const r = subtract(returns, riskFree);
  const f = subtract(factorReturns, riskFree);
  let sumR = 0;
  let sumF = 0;
  let count = 0;
  for (let i = 0; i < r.length; i++) {
    if (Number.isNaN(r[i]) || Number.isNaN(f[i])) continue;
    sumR += r[i];
    sumF += f[i];
    count++;
  }
  if (count === 0) return NaN;
  const meanR = sumR / count;
  const meanF = sumF / count;
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < r.length; i++) {
    if (Number.isNaN(r[i]) || Number.isNaN(f[i])) continue;
    covariance += (f[i] - meanF) * (r[i] - meanR);
    variance += (f[i] - meanF) ** 2;
  }
  covariance /= count;
  variance /= count;
  return variance < 1e-30 ? NaN : covariance / variance;
}

/** Annualized alpha: (1 + mean(r − rf − β·(f − rf)))^factor − 1. */
export function alpha(returns: Returns, factorReturns: Returns, options: MetricOptions = {}): number {
  return alphaBeta(returns, factorReturns, options).alpha;
}

export function alphaBeta(returns: Returns, factorReturns: Returns, options: MetricOptions = {}): AlphaBeta {
  const b = beta(returns, factorReturns, options);
  if (returns.length < 2) return { alpha: NaN, beta: b };
  const riskFree = options.riskFree ?? 0;
  const r = subtract(returns, riskFree);
  const f = subtract(factorReturns, riskFree);
  const residual = r.map((value, i) => value - b * f[i]);
  const factor = annualizationFactor(options.period, options.annualization);
  return { alpha: (1 + nanMean(residual)) ** factor - 1, beta: b };
}

/** A riskFree series follows the kept positions. */
function keptOptions(options: MetricOptions, positions: number[]): MetricOptions {
  const riskFree = options.riskFree;
  if (riskFree === undefined || typeof riskFree === "number") return options;
  return { ...options, riskFree: Float64Array.from(positions, (i) => riskFree[i]) };
}

/** alphaBeta over the periods with a positive factor return. */
export function upAlphaBeta(returns: Returns, factorReturns: Returns, options: MetricOptions = {}): AlphaBeta {
  const [r, f, positions] = filterByFactor(returns, factorReturns, (v) => v > 0);
  return alphaBeta(r, f, keptOptions(options, positions));
}

/** alphaBeta over the periods with a negative factor return. */
export function downAlphaBeta(returns: Returns, factorReturns: Returns, options: MetricOptions = {}): AlphaBeta {
  const [r, f, positions] = filterByFactor(returns, factorReturns, (v) => v < 0);
  return alphaBeta(r, f, keptOptions(options, positions));
}

/** annualReturn(r) / annualReturn(f). */
export function capture(returns: Returns, factorReturns: Returns, options: MetricOptions = {}): number {
  requireSameLength(returns, factorReturns, "factorReturns");
  return annualReturn(returns, options) / annualReturn(factorReturns, options);
}

export function upCapture(returns: Returns, factorReturns: Returns, options: MetricOptions = {}): number {
  const [r, f] = filterByFactor(returns, factorReturns, (v) => v > 0);
  return capture(r, f, options);
}

export function downCapture(returns: Returns, factorReturns: Returns, options: MetricOptions = {}): number {
  const [r, f] = filterByFactor(returns, factorReturns, (v) => v < 0);
  return capture(r, f, options);
}

export function upDownCapture(returns: Returns, factorReturns: Returns, options: MetricOptions = {}): number {
  return upCapture(returns, factorReturns, options) / downCapture(returns, factorReturns, options);
}

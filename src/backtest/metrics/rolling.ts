/**
 * Calendar aggregation and rolling windows (empyrical's aggregate_returns and roll_*);
 * conventions in ../metrics.ts.
 */
import { InputError } from "../../errors.ts";
import { isIsoDate } from "../../util/dates.ts";
import { alphaBeta } from "./factor.ts";
import { cumReturnsFinal, maxDrawdown, sharpeRatio, type MetricOptions } from "./returns.ts";
import { requireSameLength, type Returns } from "./sample.ts";

export type AggregatePeriod = "weekly" | "monthly" | "quarterly" | "yearly";

/** ISO 8601 week key of a YYYY-MM-DD date: the week's Thursday decides its year. */
function isoWeekKey(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const thursday = new Date(day);
  thursday.setUTCDate(day.getUTCDate() + 3 - ((day.getUTCDay() + 6) % 7));
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

function groupKey(date: string, period: AggregatePeriod): string {
  switch (period) {
    case "yearly": return date.slice(0, 4);
    case "monthly": return date.slice(0, 7);
    case "quarterly": return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
    case "weekly": return isoWeekKey(date);
  }
}

/**
 * Compounded return of each calendar group ("2020", "2020-Q1", "2020-01", "2020-W01"), in the order
 * of the groups' keys; dates are YYYY-MM-DD, one per return.
 */
export function aggregateReturns(returns: Returns, dates: readonly string[], period: AggregatePeriod): { period: string; return: number }[] {
  if (!["weekly", "monthly", "quarterly", "yearly"].includes(period)) {
    throw new InputError(`unknown aggregation "${period}": use weekly, monthly, quarterly or yearly`);
  }
  if (dates.length !== returns.length) {
    throw new InputError(`dates has ${dates.length} values but returns has ${returns.length}: give one YYYY-MM-DD date per return`);
  }
  const groups = new Map<string, number[]>();
  dates.forEach((date, i) => {
    if (!isIsoDate(date)) throw new InputError(`date "${date}" at position ${i} is not YYYY-MM-DD`);
    const key = groupKey(date, period);
    const members = groups.get(key) ?? [];
    members.push(returns[i]);
    groups.set(key, members);
  });
  return [...groups.keys()].sort().map((key) => ({ period: key, return: cumReturnsFinal(groups.get(key)!) }));
}

function windowOf(options: MetricOptions): number {
  const window = options.window;
  if (window === undefined || !Number.isInteger(window) || window < 1) {
    throw new InputError(`window must be a positive whole number of periods, got ${window}`);
  }
  return window;
}

/** A riskFree series is sliced with the window. */
function windowOptions(options: MetricOptions, start: number, end: number): MetricOptions {
  const riskFree = options.riskFree;
  if (riskFree === undefined || typeof riskFree === "number") return options;
  return { ...options, riskFree: slice(riskFree, start, end) };
}

function slice(values: Returns, start: number, end: number): Float64Array {
  return Float64Array.from({ length: end - start }, (_, k) => values[start + k]);
}

function windowCount(length: number, window: number): number {
  return Math.max(length - window + 1, 0);
}

function rolled(length: number, window: number, metric: (start: number, end: number) => number): Float64Array {
  const out = new Float64Array(windowCount(length, window));
  for (let k = 0; k < out.length; k++) out[k] = metric(k, k + window);
  return out;
}

export function rollSharpeRatio(returns: Returns, options: MetricOptions): Float64Array {
  const window = windowOf(options);
  return rolled(returns.length, window, (s, e) => sharpeRatio(slice(returns, s, e), windowOptions(options, s, e)));
}

export function rollMaxDrawdown(returns: Returns, options: MetricOptions): Float64Array {
  const window = windowOf(options);
  return rolled(returns.length, window, (s, e) => maxDrawdown(slice(returns, s, e)));
}

export function rollAlphaBeta(returns: Returns, factorReturns: Returns, options: MetricOptions): { alpha: Float64Array; beta: Float64Array } {
  requireSameLength(returns, factorReturns, "factorReturns");
  const window = windowOf(options);
  const count = windowCount(returns.length, window);
  const alpha = new Float64Array(count);
  const beta = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const result = alphaBeta(slice(returns, k, k + window), slice(factorReturns, k, k + window), windowOptions(options, k, k + window));
    alpha[k] = result.alpha;
    beta[k] = result.beta;
  }
  return { alpha, beta };
}

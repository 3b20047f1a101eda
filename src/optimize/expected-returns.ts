/**
 * Expected annual returns from daily returns (`returnsFromPrices`), matching PyPortfolioOpt's
 * `expected_returns` module with its defaults:
 *
 * - `meanHistoricalReturn`: `mean_historical_return(compounding=True, frequency=252)`.
 *   Compounding (the default, CAGR): (Π (1 + r))^(252 / count) − 1; arithmetic: mean(r) · 252.
 * - `emaHistoricalReturn`: `ema_historical_return(span=500)`: the pandas `ewm(span).mean()` of
 *   returns at the last date (adjust=True, weights (1 − α)^(age) with α = 2 / (span + 1), ages
 *   counted in rows including missing ones), then (1 + m)^252 − 1, or m · 252 without compounding.
 * - `capmReturn`: `capm_return(risk_free_rate=0, compounding=True)`: rf + βᵢ (E[R_m] − rf),
 *   βᵢ = cov(rᵢ, r_m) / var(r_m) over pairwise-complete dates (ddof = 1), the market being the
 *   given benchmark's returns on the same dates or, without one, the cross-sectional mean of the
 *   available asset returns each date; E[R_m] is the market's CAGR (or arithmetic mean · 252).
 *
 * Each asset uses its own available observations (NaN skipped); every asset needs ≥ 2 returns.
 */
import type { Panel } from "../panel/index.ts";
import { OptimizationError } from "./errors.ts";
import { meanPresent, pairCovariance } from "./moments.ts";
import { assetColumns, requireObservations } from "./returns.ts";
import type { AssetVector } from "./types.ts";

export const TRADING_DAYS = 252;

export interface ReturnModelOptions {
  /** Geometric (CAGR) when true, the default; arithmetic otherwise. */
  readonly compounding?: boolean;
  /** Periods per year; 252 for daily data. */
  readonly frequency?: number;
}

export function meanHistoricalReturn(returns: Panel, options: ReturnModelOptions = {}): AssetVector {
  requireObservations(returns, 2);
  const { compounding = true, frequency = TRADING_DAYS } = options;
  const values = assetColumns(returns).map((column) => annualise(column, compounding, frequency));
  return { tickers: returns.tickers, values: Float64Array.from(values) };
}

export function emaHistoricalReturn(returns: Panel, options: ReturnModelOptions & { readonly span?: number } = {}): AssetVector {
  requireObservations(returns, 2);
  const { compounding = true, frequency = TRADING_DAYS, span = 500 } = options;
  if (!(span >= 1)) throw new OptimizationError("invalid-input", `EMA span must be at least 1, got ${span}`);
  const values = assetColumns(returns).map((column) => {
    const mean = exponentialMean(column, span);
    return compounding ? (1 + mean) ** frequency - 1 : mean * frequency;
  });
  return { tickers: returns.tickers, values: Float64Array.from(values) };
}

export interface CapmOptions extends ReturnModelOptions {
  /** Market returns aligned with `returns.dates` (NaN = missing); default: equal-weighted mean of the assets. */
  readonly marketReturns?: Float64Array;
  /** Annual risk-free rate, same units as the result. */
  readonly riskFreeRate?: number;
}

export function capmReturn(returns: Panel, options: CapmOptions = {}): AssetVector {
  requireObservations(returns, 2);
  const { compounding = true, frequency = TRADING_DAYS, riskFreeRate = 0 } = options;
  const columns = assetColumns(returns);
  const market = options.marketReturns ?? crossSectionalMean(columns, returns.dates.length);
  if (market.length !== returns.dates.length) {
    throw new OptimizationError("invalid-input", `market returns have ${market.length} dates, the asset returns ${returns.dates.length}`);
  }
  const marketVariance = pairCovariance(market, market, "the market", "itself");
  if (!(marketVariance > 0)) throw new OptimizationError("invalid-input", "market returns have zero variance; CAPM betas are undefined");
  const marketReturn = annualise(market, compounding, frequency);
  const values = columns.map((column, i) => {
    const beta = pairCovariance(column, market, returns.tickers[i], "the market") / marketVariance;
    return riskFreeRate + beta * (marketReturn - riskFreeRate);
  });
  return { tickers: returns.tickers, values: Float64Array.from(values) };
}

/** pandas `ewm(span, adjust=True, ignore_na=False).mean()` at the last row. */
export function exponentialMean(x: Float64Array, span: number): number {
  const decay = 1 - 2 / (span + 1);
  let numerator = 0;
  let denominator = 0;
  for (let t = 0; t < x.length; t++) {
    numerator *= decay;
    denominator *= decay;
    if (x[t] !== x[t]) continue;
    numerator += x[t];
    denominator += 1;
  }
  return denominator === 0 ? NaN : numerator / denominator;
}

function annualise(column: Float64Array, compounding: boolean, frequency: number): number {
  if (!compounding) return meanPresent(column) * frequency;
  let growth = 1;
  let count = 0;
  for (let t = 0; t < column.length; t++) {
    if (column[t] !== column[t]) continue;
    growth *= 1 + column[t];
    count++;
  }
  return growth ** (frequency / count) - 1;
}

function crossSectionalMean(columns: Float64Array[], dates: number): Float64Array {
  const market = new Float64Array(dates);
  for (let t = 0; t < dates; t++) {
    let sum = 0;
    let count = 0;
    for (const column of columns) {
      if (column[t] !== column[t]) continue;
      sum += column[t];
      count++;
    }
    market[t] = count === 0 ? NaN : sum / count;
  }
  return market;
}

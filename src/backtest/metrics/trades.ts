/**
 * Trade statistics, turnover, cost drag and exposure of a backtest. Pure functions over arrays or
 * Float64Arrays aligned by position; what cannot be computed is NaN, never 0; bad input is an InputError.
 *
 * Conventions:
 * - tradeStatistics takes the currency P&L of each closed round-trip trade (no NaN). A win is P&L > 0,
 *   a loss P&L < 0; a breakeven trade (P&L = 0) is neither but is counted in `count`, so
 *   hitRate = wins ÷ count. averageLoss is negative. profitFactor = gross profit ÷ |gross loss|,
 *   NaN when there is no loss. expectancy is the mean P&L. sqn is Van Tharp's System Quality Number as
 *   backtrader's SQN analyzer computes it: √count × mean(P&L) ÷ std(P&L, ddof = 1), NaN when
 *   count < 2 or the standard deviation is 0.
 * - turnover follows pyfolio's get_turnover with denominator "portfolio_value": per period,
 *   (value bought + value sold, both ≥ 0) ÷ equity, so selling a whole book and buying another of the
 *   same value is a turnover of 2. `mean` skips NaN periods (equity not positive, traded NaN);
 *   `annual` = mean × annualization factor (periods per year, as the other metrics).
 * - costDrag = annualReturn(gross returns) − annualReturn(net returns): the annual return lost to costs.
 * - exposure takes per-period gross (Σ |position value|) and net (Σ position value) of the book and
 *   the equity; gross and net exposure are those ÷ equity (a 100/100 long-short book: gross 2, net 0),
 *   with their means (NaN periods skipped).
 */
import { InputError } from "../../errors.ts";
import { annualReturn, type MetricOptions } from "./returns.ts";
import { annualizationFactor, nanMean, nanStd } from "./sample.ts";

function requireAligned(first: ArrayLike<number>, firstName: string, other: ArrayLike<number>, otherName: string): void {
  if (other.length !== first.length) {
    throw new InputError(`${otherName} has ${other.length} values but ${firstName} has ${first.length}: align them by position (NaN for missing)`);
  }
}

export interface TradeStatistics {
  count: number;
  wins: number;
  losses: number;
  hitRate: number;
  averageWin: number;
  averageLoss: number;
  profitFactor: number;
  expectancy: number;
  sqn: number;
}

export function tradeStatistics(pnls: ArrayLike<number>): TradeStatistics {
  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  for (let i = 0; i < pnls.length; i++) {
    const pnl = pnls[i];
    if (!Number.isFinite(pnl)) throw new InputError(`trade P&L ${i} is ${pnl}: give the finite P&L of each closed trade`);
    if (pnl > 0) { wins++; grossProfit += pnl; }
    else if (pnl < 0) { losses++; grossLoss += pnl; }
  }
  const count = pnls.length;
  const std = nanStd(pnls);
  const expectancy = nanMean(pnls);
  return {
    count,
    wins,
    losses,
    hitRate: count === 0 ? NaN : wins / count,
    averageWin: wins === 0 ? NaN : grossProfit / wins,
    averageLoss: losses === 0 ? NaN : grossLoss / losses,
    profitFactor: losses === 0 ? NaN : grossProfit / -grossLoss,
    expectancy,
    sqn: count < 2 || !(std > 0) ? NaN : (Math.sqrt(count) * expectancy) / std,
  };
}

export interface Turnover {
  perPeriod: Float64Array;
  mean: number;
  annual: number;
}

/** traded: value bought + value sold in each period (≥ 0); equity: portfolio value in that period. */
export function turnover(traded: ArrayLike<number>, equity: ArrayLike<number>, options: MetricOptions = {}): Turnover {
  requireAligned(traded, "traded", equity, "equity");
  const perPeriod = new Float64Array(traded.length);
  for (let i = 0; i < traded.length; i++) {
    if (traded[i] < 0) throw new InputError(`traded value ${i} is ${traded[i]}: give value bought + value sold, which is never negative`);
    perPeriod[i] = equity[i] > 0 ? traded[i] / equity[i] : NaN;
  }
  const mean = nanMean(perPeriod);
  return { perPeriod, mean, annual: mean * annualizationFactor(options.period, options.annualization) };
}

export function costDrag(grossReturns: ArrayLike<number>, netReturns: ArrayLike<number>, options: MetricOptions = {}): number {
  requireAligned(grossReturns, "grossReturns", netReturns, "netReturns");
  return annualReturn(grossReturns, options) - annualReturn(netReturns, options);
}

export interface Exposure {
  gross: Float64Array;
  net: Float64Array;
  meanGross: number;
  meanNet: number;
}

/** gross: Σ |position value| per period (≥ 0); net: Σ position value; equity: portfolio value. */
export function exposure(gross: ArrayLike<number>, net: ArrayLike<number>, equity: ArrayLike<number>): Exposure {
  requireAligned(gross, "gross", net, "net");
  requireAligned(gross, "gross", equity, "equity");
  const grossExposure = new Float64Array(gross.length);
  const netExposure = new Float64Array(gross.length);
  for (let i = 0; i < gross.length; i++) {
    if (gross[i] < Math.abs(net[i])) {
      throw new InputError(`gross value ${i} is ${gross[i]} but net is ${net[i]}: gross is Σ |position value|, never below |net|`);
    }
    grossExposure[i] = equity[i] > 0 ? gross[i] / equity[i] : NaN;
    netExposure[i] = equity[i] > 0 ? net[i] / equity[i] : NaN;
  }
  return { gross: grossExposure, net: netExposure, meanGross: nanMean(grossExposure), meanNet: nanMean(netExposure) };
}

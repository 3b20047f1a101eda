/**
 * The metrics of one simulated run, from its equity curve, ledger and (optionally) a benchmark.
 *
 * Conventions: daily simple returns of equity, the first day against the initial cash
 * (r_k = V_k / V_{k−1} − 1, V_{−1} = initial cash); every ratio as ../metrics.ts defines it (empyrical's
 * conventions, 252 periods a year, ddof = 1, riskFree 0). totalReturn = final / initial − 1.
 * turnover is annual (pyfolio's: value bought + sold ÷ equity, mean per day × 252); costs is the
 * currency total of commission, slippage, impact and borrow fees; costDrag the annual return those
 * costs took (gross equity = equity + cumulative costs). Round trips: per instrument, from flat back to
 * flat (a trade that flips the side closes one and opens the next at its price); their P&L is the cash
 * they moved (fills, commissions and, with whole shares, the fraction of a share a split pays out;
 * dividends are not attributed) and feeds the trade statistics.
 * Benchmark metrics (alpha, beta, excessSharpe, capture) use the benchmark's total-return closes on the
 * same days; a day it has no bar is NaN. Anything that cannot be computed is NaN.
 */
import * as m from "./metrics.ts";
import type { Market, SimulationResult } from "./types.ts";

export function runMetrics(
  market: Market,
  result: SimulationResult,
  initialCash: number,
  fractional: boolean,
  benchmarkReturns?: Float64Array,
): Record<string, number> {
  const { equity } = result;
  const days = equity.value.length;
  const returns = dailyReturns(equity.value, initialCash);
  const grossValue = new Float64Array(days);
  let paid = 0;
  for (let k = 0; k < days; k++) grossValue[k] = equity.value[k] + (paid += equity.costs[k]);
  const grossReturns = dailyReturns(grossValue, initialCash);
  let commission = 0;
  let slippage = 0;
  for (let t = 0; t < result.trades.count; t++) {
    commission += result.trades.commission[t];
    slippage += result.trades.slippage[t] + result.trades.impact[t];
  }
  const exposure = m.exposure(equity.gross, equity.net, equity.value);
  const trips = m.tradeStatistics(roundTripPnls(market, result, fractional));
  const out: Record<string, number> = {
    ...curveMetrics(equity.value, returns, initialCash),
    turnover: m.turnover(equity.traded, equity.value).annual,
    costs: commission + slippage + result.borrowFees,
    commission,
    slippage,
    borrowFees: result.borrowFees,
    dividends: result.dividendsReceived,
    costDrag: m.costDrag(grossReturns, returns),
    grossExposure: exposure.meanGross,
    netExposure: exposure.meanNet,
    tradeCount: result.trades.count,
    cancelledShares: result.cancelledShares,
    cancelledOrders: result.cancelledOrders,
    roundTrips: trips.count,
    hitRate: trips.hitRate,
    averageWin: trips.averageWin,
    averageLoss: trips.averageLoss,
    profitFactor: trips.profitFactor,
    sqn: trips.sqn,
  };
  if (benchmarkReturns) {
    const { alpha, beta } = m.alphaBeta(returns, benchmarkReturns);
    Object.assign(out, {
      benchmarkReturn: m.cumReturnsFinal(benchmarkReturns),
      alpha,
      beta,
      excessSharpe: m.excessSharpe(returns, benchmarkReturns),
      upCapture: m.upCapture(returns, benchmarkReturns),
      downCapture: m.downCapture(returns, benchmarkReturns),
    });
  }
  return out;
}

/** The metrics an equity curve alone determines (values and their daily returns from `initialCash`). */
export function curveMetrics(values: Float64Array, returns: Float64Array, initialCash: number): Record<string, number> {
  return {
    totalReturn: (values.length === 0 ? NaN : values[values.length - 1]) / initialCash - 1,
    annualReturn: m.annualReturn(returns),
    annualVolatility: m.annualVolatility(returns),
    sharpeRatio: m.sharpeRatio(returns),
    sortinoRatio: m.sortinoRatio(returns),
    calmarRatio: m.calmarRatio(returns),
    maxDrawdown: m.maxDrawdown(returns),
    omegaRatio: m.omegaRatio(returns),
    stabilityOfTimeseries: m.stabilityOfTimeseries(returns),
    tailRatio: m.tailRatio(returns),
    valueAtRisk: m.valueAtRisk(returns),
    conditionalValueAtRisk: m.conditionalValueAtRisk(returns),
  };
}

/** r_k = V_k / V_{k−1} − 1 with V_{−1} = the starting value. */
export function dailyReturns(values: Float64Array, startingValue: number): Float64Array {
  const out = new Float64Array(values.length);
  let previous = startingValue;
  for (let k = 0; k < values.length; k++) {
    out[k] = values[k] / previous - 1;
    previous = values[k];
  }
  return out;
}

/** P&L of each closed round trip (flat → position → flat), in the order they close. */
function roundTripPnls(market: Market, result: SimulationResult, fractional: boolean): number[] {
  const width = market.instruments.length;
  const position = new Float64Array(width);
  const flow = new Float64Array(width);
  const splitSeen = new Int32Array(width).fill(market.startRow);
  const pnls: number[] = [];
  const { trades } = result;
  for (let t = 0; t < trades.count; t++) {
    const i = trades.instrument[t];
    // Splits between trades change the share count; with whole shares the kernel keeps the whole
    // part and pays the fraction at the last close ÷ ratio, cash that belongs to this trip.
    for (let d = splitSeen[i] + 1; d <= trades.row[t]; d++) {
      const ratio = market.splitRatio[d * width + i];
      if (ratio === 1 || position[i] === 0) continue;
      position[i] *= ratio;
      if (fractional) continue;
      const whole = Math.trunc(position[i]);
      flow[i] += ((position[i] - whole) * lastCloseBefore(market, d, i)) / ratio;
      position[i] = whole;
    }
    if (splitSeen[i] < trades.row[t]) splitSeen[i] = trades.row[t];
    const shares = trades.shares[t];
    const price = trades.price[t];
    const after = position[i] + shares;
    flow[i] -= shares * price + trades.commission[t];
    if (position[i] !== 0 && (after === 0 || Math.sign(after) !== Math.sign(position[i]))) {
      // Close the trip; a flip re-opens the remainder at the same price.
      pnls.push(flow[i] + after * price);
      flow[i] = -after * price;
    }
    position[i] = Math.abs(after) < 1e-9 ? 0 : after;
  }
  return pnls;
}

/** The kernel's last close of instrument i at the start of row d: the latest close, ÷ the splits since. */
function lastCloseBefore(market: Market, d: number, i: number): number {
  const width = market.instruments.length;
  let splits = 1;
  for (let row = d - 1; row >= 0; row--) {
    const close = market.close[row * width + i];
    if (close === close) return close / splits;
    splits *= market.splitRatio[row * width + i];
  }
  return NaN;
}

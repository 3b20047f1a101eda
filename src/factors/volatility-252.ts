/**
 * volatility_252: annualised volatility of daily returns over one year.
 *
 * Formula: value(t) = sample standard deviation (ddof = 1, divisor 251) of the last 252 simple
 *   returns between consecutive own bars (the last return ends on t), × √252.
 * Inputs: daily closes. Lookback: 252 own bars before t (253 closes); fewer → NaN. No bar on t → NaN.
 * Units: annualised fraction (0.25 = 25% a year), annualised with √252 trading days.
 * Computed two-pass (mean, then squared deviations) per cell: exact enough for returns near zero,
 * where a running sum of squares would cancel badly.
 * Point-in-time: uses closes up to t. Direction: −1 (the low-volatility anomaly).
 */
import { definePriceFactor } from "./price-factor.ts";

const RETURNS = 252;
const ANNUALISE = Math.sqrt(252);

export const volatility252 = definePriceFactor({
  name: "volatility_252",
  description: "sample std (n−1) of the last 252 daily simple returns × √252 (annualised fraction)",
  direction: -1,
  lookback: RETURNS,
  minPriorBars: RETURNS,
  formula: (h, i) => {
    const ret = h.ret;
    const first = i - RETURNS + 1;
    let sum = 0;
    for (let j = first; j <= i; j++) sum += ret[j];
    const mean = sum / RETURNS;
    let squares = 0;
    for (let j = first; j <= i; j++) {
      const dev = ret[j] - mean;
      squares += dev * dev;
    }
    return Math.sqrt(squares / (RETURNS - 1)) * ANNUALISE;
  },
});

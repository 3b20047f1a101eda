/**
 * reversal_1m: one-month return, the short-term reversal signal.
 *
 * Formula: value(t) = close[t] / close[t−21] − 1 (t−21 = 21st own bar before the bar on t).
 * Inputs: daily closes. Lookback: 21 own bars before t; fewer → NaN. No bar on t → NaN.
 * Units: simple return as a fraction, not annualised.
 * Point-in-time: uses closes up to t. Direction: −1 (last month's losers tend to rebound).
 */
import { definePriceFactor } from "./price-factor.ts";

const LOOKBACK = 21;

export const reversal1m = definePriceFactor({
  name: "reversal_1m",
  description: "close / close 21 bars ago − 1 (fraction)",
  direction: -1,
  lookback: LOOKBACK,
  minPriorBars: LOOKBACK,
  formula: (h, i) => h.close[i] / h.close[i - LOOKBACK] - 1,
});

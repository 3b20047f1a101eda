/**
 * momentum_12_1: twelve-month momentum skipping the latest month.
 *
 * Formula: value(t) = close[t−21] / close[t−252] − 1, where t−k is the k-th own bar before the bar on
 *   date t (own bars: see own-history.ts; holes are skipped, other tickers are unaffected).
 * Inputs: daily closes. Lookback: 252 own bars before t (253 closes); fewer → NaN. No bar on t → NaN.
 * Units: simple return as a fraction (0.10 = +10%), not annualised.
 * Point-in-time: uses closes up to t−21 only. Direction: +1 (winners keep winning).
 */
import { definePriceFactor } from "./price-factor.ts";

const SKIP = 21;
const LOOKBACK = 252;

export const momentum12_1 = definePriceFactor({
  name: "momentum_12_1",
  description: "close 21 bars ago / close 252 bars ago − 1 (fraction)",
  direction: 1,
  lookback: LOOKBACK,
  minPriorBars: LOOKBACK,
  formula: (h, i) => h.close[i - SKIP] / h.close[i - LOOKBACK] - 1,
});

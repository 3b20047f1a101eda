/**
 * return_on_equity (quality): profit earned on shareholders' book equity.
 *
 * Formula: value(t) = netIncome / totalEquity, both as of t; totalEquity ≤ 0 → NaN (a ratio over
 *   negative equity ranks loss-makers above profitable firms, so it has no meaningful value).
 * Inputs: fundamentals.netIncome (annual or trailing twelve months), fundamentals.totalEquity.
 * Lookback: none beyond the as-of panels. Units: fraction per year (0.15 = 15%).
 * Point-in-time: as-of cells on t only. Direction: +1.
 */
import { defineFundamentalFactor, positiveRatio } from "./fundamental-factor.ts";

export const returnOnEquity = defineFundamentalFactor({
  name: "return_on_equity",
  description: "net income / total equity (fraction); equity ≤ 0 → no value",
  direction: 1,
  fields: ["netIncome", "totalEquity"],
  formula: (x) => positiveRatio(x[0], x[1]),
});

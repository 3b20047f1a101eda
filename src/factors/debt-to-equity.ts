/**
 * debt_to_equity (quality): leverage, total liabilities per unit of book equity.
 *
 * Formula: value(t) = totalLiabilities / totalEquity, both as of t; totalEquity ≤ 0 → NaN.
 * Inputs: fundamentals.totalLiabilities, fundamentals.totalEquity.
 * Lookback: none beyond the as-of panels. Units: ratio (2 = liabilities are twice equity).
 * Point-in-time: as-of cells on t only.
 * Direction: −1, lower is better: the raw value keeps its natural sign and the stored score is
 *   −1 × z-score, so the least levered names get the highest score.
 */
import { defineFundamentalFactor, positiveRatio } from "./fundamental-factor.ts";

export const debtToEquity = defineFundamentalFactor({
  name: "debt_to_equity",
  description: "total liabilities / total equity (ratio, lower is better); equity ≤ 0 → no value",
  direction: -1,
  fields: ["totalLiabilities", "totalEquity"],
  formula: (x) => positiveRatio(x[0], x[1]),
});

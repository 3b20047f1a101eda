/**
 * operating_margin (quality): operating profit per unit of revenue.
 *
 * Formula: value(t) = operatingProfit / revenue, both as of t (same period); revenue ≤ 0 → NaN.
 * Inputs: fundamentals.operatingProfit, fundamentals.revenue.
 * Lookback: none beyond the as-of panels. Units: fraction (0.2 = 20% margin).
 * Point-in-time: as-of cells on t only. Direction: +1.
 */
import { defineFundamentalFactor, positiveRatio } from "./fundamental-factor.ts";

export const operatingMargin = defineFundamentalFactor({
  name: "operating_margin",
  description: "operating profit / revenue (fraction); revenue ≤ 0 → no value",
  direction: 1,
  fields: ["operatingProfit", "revenue"],
  formula: (x) => positiveRatio(x[0], x[1]),
});

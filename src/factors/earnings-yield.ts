/**
 * earnings_yield (value): net income per unit of market value, the inverse of P/E.
 *
 * Formula: value(t) = netIncome / marketCap, both as of t; marketCap ≤ 0 → NaN. Negative earnings give
 *   a negative yield (kept: unlike P/E, the yield stays ordered through zero earnings).
 * Inputs: fundamentals.netIncome (the period the repository selects, annual or trailing twelve months,
 *   never a single quarter mixed with annual figures) and fundamentals.marketCap.
 * Lookback: none beyond the as-of panels. Units: fraction per year of earnings (0.08 = 8%).
 * Point-in-time: as-of cells on t only. Direction: +1 (cheap is better).
 */
import { defineFundamentalFactor, positiveRatio } from "./fundamental-factor.ts";

export const earningsYield = defineFundamentalFactor({
  name: "earnings_yield",
  description: "net income / market cap (fraction); market cap ≤ 0 → no value",
  direction: 1,
  fields: ["netIncome", "marketCap"],
  formula: (x) => positiveRatio(x[0], x[1]),
});

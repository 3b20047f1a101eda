/**
 * log_market_cap (size): natural log of market capitalisation.
 *
 * Formula: value(t) = ln(marketCap as of t); marketCap ≤ 0 → NaN.
 * Inputs: fundamentals.marketCap as-of panel (instrument's currency; compare within one region).
 *   The repository chooses how market cap is made "as of t": the latest known market_cap figure, or
 *   better the latest known shares outstanding × the close on t, so size moves with price.
 * Lookback: none beyond the as-of panel. Units: ln of currency units.
 * Point-in-time: reads the as-of cell on t only. Direction: −1 (small caps preferred, the size premium).
 */
import { defineFundamentalFactor } from "./fundamental-factor.ts";

export const logMarketCap = defineFundamentalFactor({
  name: "log_market_cap",
  description: "ln(market cap); market cap ≤ 0 → no value",
  direction: -1,
  fields: ["marketCap"],
  formula: (x) => (x[0] > 0 ? Math.log(x[0]) : NaN),
});

/**
 * book_to_price (value): book equity per unit of market value, the inverse of P/B.
 *
 * Formula: value(t) = totalEquity / marketCap, both as of t; marketCap ≤ 0 → NaN. Negative equity
 *   gives a negative value (kept: it is a real, very expensive, book-to-price).
 * Inputs: fundamentals.totalEquity, fundamentals.marketCap.
 * Lookback: none beyond the as-of panels. Units: ratio (0.5 = book is half the market value).
 * Point-in-time: as-of cells on t only. Direction: +1 (cheap is better).
 */
import { defineFundamentalFactor, positiveRatio } from "./fundamental-factor.ts";

export const bookToPrice = defineFundamentalFactor({
  name: "book_to_price",
  description: "total equity / market cap (ratio); market cap ≤ 0 → no value",
  direction: 1,
  fields: ["totalEquity", "marketCap"],
  formula: (x) => positiveRatio(x[0], x[1]),
});

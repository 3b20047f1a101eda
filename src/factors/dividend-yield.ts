/**
 * dividend_yield (value): dividends paid per unit of market value.
 *
 * Formula: value(t) = dividendPerShare × sharesOutstanding / marketCap, all as of t; marketCap ≤ 0 →
 *   NaN. A company that pays nothing has yield 0, a real value (not missing). Per-share dividends are
 *   multiplied by the shares of the same report so that no share basis (split adjustment) is mixed
 *   with today's prices; the vendor's own `dividend_yield` column (percent, vendor price) is not used.
 * Inputs: fundamentals.dividendPerShare (annual), fundamentals.sharesOutstanding, fundamentals.marketCap.
 * Lookback: none beyond the as-of panels. Units: fraction per year (0.03 = 3%), not percent.
 * Point-in-time: as-of cells on t only. Direction: +1.
 */
import { defineFundamentalFactor, positiveRatio } from "./fundamental-factor.ts";

export const dividendYield = defineFundamentalFactor({
  name: "dividend_yield",
  description: "dividend per share × shares outstanding / market cap (fraction); market cap ≤ 0 → no value",
  direction: 1,
  fields: ["dividendPerShare", "sharesOutstanding", "marketCap"],
  formula: (x) => positiveRatio(x[0] * x[1], x[2]),
});

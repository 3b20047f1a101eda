import { describe, expect, it } from "vitest";
import { bookToPrice } from "../../src/factors/book-to-price.ts";
import { debtToEquity } from "../../src/factors/debt-to-equity.ts";
import { dividendYield } from "../../src/factors/dividend-yield.ts";
import { earningsYield } from "../../src/factors/earnings-yield.ts";
import { logMarketCap } from "../../src/factors/log-market-cap.ts";
import { operatingMargin } from "../../src/factors/operating-margin.ts";
import { returnOnEquity } from "../../src/factors/return-on-equity.ts";
import type { FundamentalsAsOf } from "../../src/factors/types.ts";
import { panelFromRows, row } from "./panels.ts";

// One date, five tickers; the columns probe normal values, zero/negative denominators and missing data.
const tickers = ["A", "B", "C", "D", "E"];
const one = (values: number[]) => panelFromRows(tickers, [values], ["2024-03-29"]);
const fundamentals: FundamentalsAsOf = {
  marketCap: one([1000, 0, -5, 400, NaN]),
  netIncome: one([50, 10, 10, -20, 5]),
  totalEquity: one([500, 100, 100, -10, 0]),
  totalLiabilities: one([1000, 50, 50, 30, 10]),
  operatingProfit: one([30, -4, 8, 1, 2]),
  revenue: one([200, 40, 0, NaN, 10]),
  dividendPerShare: one([2, 0, 1, 1, 1]),
  sharesOutstanding: one([10, 10, 10, 40, 10]),
};

describe("fundamental factors", () => {
  it("log_market_cap = ln(market cap), none for market cap ≤ 0", () => {
    expect(row(logMarketCap.compute({ fundamentals }), 0)).toEqual([Math.log(1000), NaN, NaN, Math.log(400), NaN]);
  });

  it("earnings_yield = net income / market cap, negative earnings kept", () => {
    expect(row(earningsYield.compute({ fundamentals }), 0)).toEqual([0.05, NaN, NaN, -0.05, NaN]);
  });

  it("book_to_price = total equity / market cap", () => {
    expect(row(bookToPrice.compute({ fundamentals }), 0)).toEqual([0.5, NaN, NaN, -0.025, NaN]);
  });

  it("dividend_yield = dividend per share × shares / market cap as a fraction; paying nothing is 0", () => {
    const values = row(dividendYield.compute({ fundamentals }), 0);
    expect(values).toEqual([0.02, NaN, NaN, 0.1, NaN]);
    const payer = { ...fundamentals, dividendPerShare: one([0, 0, 0, 0, 0]) };
    expect(row(dividendYield.compute({ fundamentals: payer }), 0)[0]).toBe(0);
  });

  it("return_on_equity = net income / equity, none for equity ≤ 0", () => {
    expect(row(returnOnEquity.compute({ fundamentals }), 0)).toEqual([0.1, 0.1, 0.1, NaN, NaN]);
  });

  it("debt_to_equity = liabilities / equity, none for equity ≤ 0, lower is better", () => {
    expect(row(debtToEquity.compute({ fundamentals }), 0)).toEqual([2, 0.5, 0.5, NaN, NaN]);
    expect(debtToEquity.direction).toBe(-1);
  });

  it("operating_margin = operating profit / revenue, none for revenue ≤ 0 or missing", () => {
    expect(row(operatingMargin.compute({ fundamentals }), 0)).toEqual([0.15, -0.1, NaN, NaN, 0.2]);
  });

  it("names the missing input field", () => {
    const { revenue: _, ...withoutRevenue } = fundamentals;
    expect(() => operatingMargin.compute({ fundamentals: withoutRevenue })).toThrow(
      "factor operating_margin needs inputs.fundamentals.revenue",
    );
  });

  it("rejects as-of panels of different shapes", () => {
    const other = { ...fundamentals, revenue: panelFromRows(tickers, [[1, 1, 1, 1, 1]], ["2024-04-01"]) };
    expect(() => operatingMargin.compute({ fundamentals: other })).toThrow(
      "factor operating_margin, field revenue: panel dates/tickers differ from the first input's",
    );
  });
});

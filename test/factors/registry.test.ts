import { describe, expect, it } from "vitest";
import { FACTOR_NAMES, PRICE_FACTORS, factorByName } from "../../src/factors/registry.ts";
import { column, panelFromColumns } from "./panels.ts";

describe("factor registry", () => {
  it("lists every factor with its direction, inputs and lookback", () => {
    const table = FACTOR_NAMES.map((name) => {
      const f = factorByName(name);
      return [name, f.direction, f.needsCloses, f.fundamentals.join("+"), f.lookback];
    });
    expect(table).toEqual([
      ["momentum_12_1", 1, true, "", 252],
      ["reversal_1m", -1, true, "", 21],
      ["volatility_252", -1, true, "", 252],
      ["rsi_14", -1, true, "", 250],
      ["log_market_cap", -1, false, "marketCap", 0],
      ["earnings_yield", 1, false, "netIncome+marketCap", 0],
      ["book_to_price", 1, false, "totalEquity+marketCap", 0],
      ["dividend_yield", 1, false, "dividendPerShare+sharesOutstanding+marketCap", 0],
      ["return_on_equity", 1, false, "netIncome+totalEquity", 0],
      ["debt_to_equity", -1, false, "totalLiabilities+totalEquity", 0],
      ["operating_margin", 1, false, "operatingProfit+revenue", 0],
    ]);
  });

  it("rejects an unknown name and lists the known ones", () => {
    expect(() => factorByName("momentum")).toThrow(`unknown factor "momentum"; known factors: ${FACTOR_NAMES.join(", ")}`);
  });

  it("gives every price factor NaN, never 0, on a ticker with too little history", () => {
    // 14 closes: one bar short of even RSI's minimum.
    const closes = panelFromColumns({ A: Array.from({ length: 14 }, (_, d) => 100 + d) });
    for (const factor of PRICE_FACTORS) {
      expect(column(factor.compute({ closes }), 0).every(Number.isNaN), factor.name).toBe(true);
    }
  });
});

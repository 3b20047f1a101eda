import { describe, expect, it } from "vitest";
import {
  barRows, closeBars, mulberry32, numberedTickers, oneFactorPrices, randomBars, randomClosePanel, weekdaysFrom,
} from "../../src/synthetic/index.ts";

describe("synthetic generators", () => {
  it("numberedTickers pads the index after the prefix", () => {
    expect(numberedTickers(3, "S", 5)).toEqual(["S00000", "S00001", "S00002"]);
    expect(numberedTickers(2, "", 6)).toEqual(["000000", "000001"]);
  });

  it("randomBars keeps low ≤ open, close ≤ high, rounds to the decimals and never goes below one unit", () => {
    const bars = randomBars(mulberry32(1), 500, 0.05, 2, 1e6);
    for (let i = 0; i < 500; i++) {
      expect(bars.low[i]).toBeLessThanOrEqual(Math.min(bars.open[i], bars.close[i]));
      expect(bars.high[i]).toBeGreaterThanOrEqual(Math.max(bars.open[i], bars.close[i]));
      expect(bars.low[i]).toBeGreaterThanOrEqual(0.01);
      expect(Math.round(bars.close[i] * 100) / 100).toBe(bars.close[i]);
      expect(Number.isInteger(bars.volume[i])).toBe(true);
    }
  });

  it("barRows lays one instrument's bars on its dates as daily raw rows", () => {
    const dates = weekdaysFrom("2024-01-01", 2);
    const bars = randomBars(mulberry32(3), 2, 100, 2, 1000);
    expect(barRows("AAA", "US", dates, bars, "synthetic")).toEqual(
      dates.map((date, i) => ({
        ticker: "AAA", region: "US", timeframe: "1d", date,
        open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i], volume: bars.volume[i],
        source: "synthetic", priceBasis: "raw",
      })),
    );
  });

  it("randomClosePanel: the same seed gives the same panel (the factor benchmark's figures rest on it); late listings and gaps are NaN", () => {
    const tickers = numberedTickers(200, "S", 5);
    const dates = weekdaysFrom("2015-01-01", 300);
    const panel = randomClosePanel(tickers, dates, 42);
    const bytes = (values: Float64Array) => Buffer.from(values.buffer);
    expect(bytes(panel.values).equals(bytes(randomClosePanel(tickers, dates, 42).values))).toBe(true);
    expect(bytes(panel.values).equals(bytes(randomClosePanel(tickers, dates, 43).values))).toBe(false);
    expect(panel.values[299 * 200 + 199]).toBe(86.67747968182972);
    const listedLate = tickers.filter((_, t) => Number.isNaN(panel.values[t]) && Number.isNaN(panel.values[200 + t]));
    expect(listedLate.length).toBe(31);
    const missing = panel.values.filter((v) => Number.isNaN(v)).length;
    expect(missing).toBe(2914);
    expect([...closeBars(panel, "BENCH", "bench")].length).toBe(200 * 300 - 2914);
  });

  it("closeBars yields close-only rows date by date, skipping NaN", () => {
    const panel = { dates: ["2024-01-01", "2024-01-02"], tickers: ["A", "B"], values: Float64Array.of(1, NaN, 2, 3) };
    expect([...closeBars(panel, "US", "test")].map((r) => [r.date, r.ticker, r.close, r.volume])).toEqual([
      ["2024-01-01", "A", 1, 0],
      ["2024-01-02", "A", 2, 0],
      ["2024-01-02", "B", 3, 0],
    ]);
  });

  it("oneFactorPrices start at 100 and move together through the market factor", () => {
    const tickers = numberedTickers(50, "A", 3);
    const prices = oneFactorPrices(tickers, weekdaysFrom("2019-01-01", 500), 20240601);
    expect(Array.from(prices.values.subarray(0, 50))).toEqual(new Array(50).fill(100));
    expect(prices.values[499 * 50]).toBe(85.2601688781969);
    expect(prices.values[499 * 50 + 49]).toBe(138.16500842730346);
    // Returns of two assets correlate through β₀β₁ var(f): clearly positive.
    const returns = (i: number) => Array.from({ length: 499 }, (_, d) => prices.values[(d + 1) * 50 + i] / prices.values[d * 50 + i] - 1);
    const [a, b] = [returns(0), returns(1)];
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    const cov = (x: number[], y: number[]) => mean(x.map((v, k) => (v - mean(x)) * (y[k] - mean(y))));
    expect(cov(a, b) / Math.sqrt(cov(a, a) * cov(b, b))).toBeGreaterThan(0.1);
  });
});

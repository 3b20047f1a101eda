/**
 * The estimators on real prices: a year of MSFT's split- and dividend-adjusted closes as recorded
 * from Yahoo (2021-02-01 … 2022-01-28, 252 bars). Expected figures are computed here from the raw
 * numbers with the conventions the module states (simple returns, 252 periods a year, CAGR as
 * PyPortfolioOpt's mean_historical_return, ddof = 1 as pandas' cov). The shared recordings hold
 * no two instruments over a common period, so portfolios themselves are checked on closed forms.
 */
import { expect, test } from "vitest";
import { meanHistoricalReturn, returnsFromPrices, sampleCovariance, semicovariance } from "../../src/optimize/index.ts";
import type { Panel } from "../../src/panel/index.ts";
import { chartOf, readRecording } from "../ingest/yahoo/recordings.ts";

const chart = chartOf(readRecording("historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.json"));
const closes = chart.indicators.adjclose![0].adjclose as number[];
const prices: Panel = {
  dates: chart.timestamp!.map((t) => new Date(t * 1000).toISOString().slice(0, 10)),
  tickers: ["MSFT"],
  values: Float64Array.from(closes),
};
const simple = closes.slice(1).map((c, i) => c / closes[i] - 1);

test("the recording is the full year it claims to be", () => {
  expect(closes).toHaveLength(252);
  expect(closes.every((c) => Number.isFinite(c) && c > 0)).toBe(true);
});

test("CAGR over 251 returns: (last / first)^(252 / 251) − 1", () => {
  const expected = (closes[251] / closes[0]) ** (252 / 251) - 1;
  expect(meanHistoricalReturn(returnsFromPrices(prices)).values[0]).toBeCloseTo(expected, 12);
  expect(expected).toBeCloseTo(0.2984, 4); // 29.8%: MSFT's adjusted gain over that year, for the reader
});

test("annualised sample variance (ddof = 1) and semivariance below 0 of the daily simple returns", () => {
  const n = simple.length;
  const mean = simple.reduce((a, b) => a + b, 0) / n;
  const variance = (simple.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1)) * 252;
  expect(sampleCovariance(returnsFromPrices(prices)).values[0]).toBeCloseTo(variance, 12);
  const downside = (simple.reduce((a, r) => a + Math.min(r, 0) ** 2, 0) / n) * 252;
  expect(semicovariance(returnsFromPrices(prices), { benchmark: 0 }).values[0]).toBeCloseTo(downside, 12);
});

import { describe, expect, it } from "vitest";
import { parseChart } from "../../../src/ingest/yahoo/chart.ts";
import type { ChartData, ChartQuote } from "../../../src/ingest/yahoo/client.ts";

function chart(quotes: ChartQuote[], meta: Partial<ChartData["meta"]> = {}): ChartData {
  return { meta: { symbol: "X", ...meta }, quotes, dividends: [], splits: [], fetchedAt: new Date("2024-03-01T00:00:00Z"), requests: 1 };
}
const q = (iso: string, close: number | null, extra: Partial<ChartQuote> = {}): ChartQuote => ({
  date: new Date(iso),
  open: close,
  high: close,
  low: close,
  close,
  volume: 100,
  adjclose: close,
  ...extra,
});

describe("parseChart", () => {
  it("dates bars in the exchange's zone, or by its offset when the zone is missing", () => {
    // Seoul opens 09:00 KST = 00:00 UTC; Sydney 10:00 AEDT = 23:00 UTC the day before.
    expect(parseChart(chart([q("2024-01-03T00:00:00Z", 1)], { exchangeTimezoneName: "Asia/Seoul" }), "1d").bars[0].date).toBe("2024-01-03");
    expect(parseChart(chart([q("2024-01-02T23:00:00Z", 1)], { exchangeTimezoneName: "Australia/Sydney" }), "1d").bars[0].date).toBe("2024-01-03");
    expect(parseChart(chart([q("2024-01-02T23:00:00Z", 1)], { gmtoffset: 39600 }), "1d").bars[0].date).toBe("2024-01-03");
  });

  it("keeps the later of two bars on one date (Yahoo's appended live bar)", () => {
    const parsed = parseChart(chart([q("2024-01-02T14:30:00Z", 10), q("2024-01-02T20:59:00Z", 11)], { exchangeTimezoneName: "America/New_York" }), "1d");
    expect(parsed.bars.map((b) => [b.date, b.close])).toEqual([["2024-01-02", 11]]);
  });

  it("keys weekly bars by Monday and monthly bars by the 1st, so a partial bar is replaced by the whole one", () => {
    const zone = { exchangeTimezoneName: "America/New_York" };
    const weekly = parseChart(chart([q("2024-01-01T14:30:00Z", 1), q("2024-01-10T14:30:00Z", 2)], zone), "1w");
    expect(weekly.bars.map((b) => b.date)).toEqual(["2024-01-01", "2024-01-08"]);
    const monthly = parseChart(chart([q("2024-02-01T14:30:00Z", 1), q("2024-02-21T14:30:00Z", 2)], zone), "1mo");
    expect(monthly.bars.map((b) => [b.date, b.close])).toEqual([["2024-02-01", 2]]);
  });

  it("skips bars without a close or volume and keeps a missing open missing", () => {
    const parsed = parseChart(
      chart([q("2024-01-02T00:00:00Z", null), q("2024-01-03T00:00:00Z", 5, { volume: null }), q("2024-01-04T00:00:00Z", 6, { open: null, adjclose: undefined })], { exchangeTimezoneName: "UTC" }),
      "1d",
    );
    expect(parsed.skippedNullBars).toBe(2);
    expect(parsed.bars).toEqual([{ date: "2024-01-04", open: null, high: 6, low: 6, close: 6, adjClose: null, volume: 100 }]);
  });
});

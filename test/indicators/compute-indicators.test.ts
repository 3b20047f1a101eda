/**
 * computeIndicators over stored bars, on both engines: the points are the indicators evaluated over the
 * instrument's whole stored history up to `to` and shown from `from` (warm-up bars before `from` are
 * read, so a value does not depend on the `from` asked for), only bars of the asked timeframe are
 * read, nothing after `to` is, and bad requests are one InputError line.
 */
import { beforeAll, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { computeIndicators } from "../../src/indicators/index.ts";
import { repositories } from "../../src/repositories/index.ts";
import { describeEachEngine } from "../engines.ts";
import { AAA, aaaRows, DATES, expectedSeries, storeMarket } from "./stored-bars.ts";
import { randomBars } from "./series.ts";

const SPECS = "sma(5),ema(10),macd(3,7,4),rsi(14),atr(14),bbands(20,2),stochastic(14,3,3),williamsr(14),roc(12),momentum(12),wma(30)";
const request = (from: string, to: string, indicators = SPECS) => ({ ticker: "AAA", region: "US", timeframe: "1d" as const, from, to, indicators });

describeEachEngine("computeIndicators", (db) => {
  beforeAll(() => storeMarket(db()));

  it("gives the indicators over the whole stored history, shown from `from`: the warm-up comes from earlier bars", async () => {
    const result = await computeIndicators(db(), request(DATES[40], DATES[59]));
    expect(result).toEqual({ series: expectedSeries(SPECS, DATES[40], DATES[59]) });
    expect(result.series["sma(5).value"]).toHaveLength(20);
    expect(result.series["sma(5).value"][0][0]).toBe(DATES[40]);
    const window = Array.from(AAA.close.subarray(36, 41));
    expect(result.series["sma(5).value"][0][1]).toBeCloseTo(window.reduce((a, b) => a + b) / 5, 12);
    expect(result.series["wma(30).value"]).toHaveLength(20); // 40 earlier bars cover its 29 bars of warm-up
  });

  it("starts each line at its indicator's warm-up when the history starts inside the range", async () => {
    const result = await computeIndicators(db(), request("2023-12-01", DATES[59]));
    const firstDates = Object.fromEntries(Object.entries(result.series).map(([key, points]) => [key, points[0][0]]));
    expect(firstDates).toEqual({
      "sma(5).value": DATES[4],
      "ema(10).value": DATES[9],
      "macd(3,7,4).macd": DATES[9],
      "macd(3,7,4).signal": DATES[9],
      "macd(3,7,4).histo": DATES[9],
      "rsi(14).value": DATES[14],
      "atr(14).value": DATES[14],
      "bbands(20,2).top": DATES[19],
      "bbands(20,2).mid": DATES[19],
      "bbands(20,2).bot": DATES[19],
      "stochastic(14,3,3).k": DATES[17],
      "stochastic(14,3,3).d": DATES[17],
      "williamsr(14).value": DATES[13],
      "roc(12).value": DATES[12],
      "momentum(12).value": DATES[12],
      "wma(30).value": DATES[29],
    });
    for (const points of Object.values(result.series)) expect(points.at(-1)![0]).toBe(DATES[59]);
  });

  it("gives the same value on a date whatever `from` is asked for", async () => {
    const early = await computeIndicators(db(), request(DATES[20], DATES[50]));
    const late = await computeIndicators(db(), request(DATES[45], DATES[50]));
    for (const [key, points] of Object.entries(late.series)) expect(early.series[key].slice(-6), key).toEqual(points);
  });

  it("gives no points to a line whose warm-up is not reached by `to`", async () => {
    const result = await computeIndicators(db(), request(DATES[0], DATES[10], "sma(5),rsi(14)"));
    expect(result.series["sma(5).value"]).toHaveLength(7);
    expect(result.series["rsi(14).value"]).toEqual([]);
  });

  it("reads only the asked timeframe: weekly bars are a series of their own", async () => {
    const weekly = await computeIndicators(db(), { ...request(DATES[0], DATES[59], "sma(3)"), timeframe: "1w" });
    expect(weekly.series["sma(3).value"]).toEqual(
      Array.from({ length: 10 }, (_, k) => [DATES[5 * (k + 2) + 4], 1001 + k]),
    );
  });

  it("never reads past `to`: rewriting the bars after t leaves every value up to t as it was", async () => {
    const t = 35;
    const before = await computeIndicators(db(), request(DATES[20], DATES[t]));
    const other = randomBars(DATES.length, 99);
    await repositories(db()).prices.upsertBars(aaaRows(t + 1, DATES.length - 1, other), { refreshAggregates: false });
    try {
      const after = await computeIndicators(db(), request(DATES[20], DATES[59]));
      for (const [key, points] of Object.entries(before.series)) {
        expect(after.series[key].slice(0, points.length), key).toEqual(points);
        expect(after.series[key][points.length], `${key} after t`).not.toEqual(expectedSeries(SPECS, DATES[t + 1], DATES[t + 1])[key][0]);
      }
      const mixed = { high: Float64Array.from(AAA.high), low: Float64Array.from(AAA.low), close: Float64Array.from(AAA.close) };
      for (const field of ["high", "low", "close"] as const) mixed[field].set(other[field].subarray(t + 1), t + 1);
      expect(after).toEqual({ series: expectedSeries(SPECS, DATES[20], DATES[59], mixed) });
    } finally {
      await repositories(db()).prices.upsertBars(aaaRows(t + 1), { refreshAggregates: false });
    }
  });

  it.each([
    [{ ticker: "ZZZ" }, `no 1d bars of ZZZ in region US from ${DATES[0]} to ${DATES[59]}`],
    [{ region: "KR" }, `no 1d bars of AAA in region KR from ${DATES[0]} to ${DATES[59]}`],
    [{ from: "2023-01-02", to: "2023-12-29" }, "no 1d bars of AAA in region US from 2023-01-02 to 2023-12-29"],
    [{ timeframe: "1mo" }, `no 1mo bars of AAA in region US from ${DATES[0]} to ${DATES[59]}`],
    [{ timeframe: "5m" }, 'timeframe must be one of 1d, 1w, 1mo; got "5m"'],
    [{ from: "2024-02-30" }, 'from must be a date YYYY-MM-DD, got "2024-02-30"'],
    [{ from: DATES[9], to: DATES[3] }, `from ${DATES[9]} is after to ${DATES[3]}`],
    [{ ticker: " " }, "give a ticker and a region, e.g. ticker AAPL, region US"],
    [{ indicators: "sma(30),sma" }, "indicator sma(30) is given twice"],
  ])("refuses %j: %s", async (change, message) => {
    const bad = { ...request(DATES[0], DATES[59]), ...change } as Parameters<typeof computeIndicators>[1];
    const refusal = computeIndicators(db(), bad);
    await expect(refusal).rejects.toThrow(InputError);
    await expect(refusal).rejects.toThrow(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
  });
});

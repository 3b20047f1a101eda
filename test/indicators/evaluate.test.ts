/**
 * indicatorSeries over any timed bars (daily dates or candle instants): `[time, value]` points after
 * each indicator's warm-up, from the first bar shown, with no point where a value is missing.
 */
import { expect, it } from "vitest";
import { indicatorSeries, parseIndicators } from "../../src/indicators/index.ts";
import { series } from "./series.ts";

const MINUTES = ["2025-10-07T12:00:00Z", "2025-10-07T12:01:00Z", "2025-10-07T12:02:00Z", "2025-10-07T12:03:00Z", "2025-10-07T12:04:00Z"];

it("gives each line's points after warm-up, with the bars' own times (candles from ticks too)", () => {
  const close = series(10, 12, 11, 15, 14);
  const result = indicatorSeries({ times: MINUTES, high: close, low: close, close }, parseIndicators("sma(2),momentum(3),bbands(4,1)"));
  expect(Object.keys(result)).toEqual(["sma(2).value", "momentum(3).value", "bbands(4,1).top", "bbands(4,1).mid", "bbands(4,1).bot"]);
  expect(result["sma(2).value"]).toEqual([[MINUTES[1], 11], [MINUTES[2], 11.5], [MINUTES[3], 13], [MINUTES[4], 14.5]]);
  expect(result["momentum(3).value"]).toEqual([[MINUTES[3], 5], [MINUTES[4], 2]]);
  expect(result["bbands(4,1).mid"]).toEqual([[MINUTES[3], 12], [MINUTES[4], 13]]);
});

it("shows bars from `shownFrom` on, the earlier ones serving as warm-up", () => {
  const close = series(10, 12, 11, 15, 14);
  const result = indicatorSeries({ times: MINUTES, high: close, low: close, close }, parseIndicators("sma(2),momentum(3)"), 3);
  expect(result).toEqual({ "sma(2).value": [[MINUTES[3], 13], [MINUTES[4], 14.5]], "momentum(3).value": [[MINUTES[3], 5], [MINUTES[4], 2]] });
});

it("leaves out a value that is missing after warm-up (a NULL high), and keeps the others", () => {
  const close = series(10, 12, 11, 15, 14);
  const high = series(11, 13, NaN, 16, 15);
  const low = series(9, 11, 10, 14, 13);
  const result = indicatorSeries({ times: MINUTES, high, low, close }, parseIndicators("williamsr(2),sma(2)"));
  // %R(2) on bar 1: −100·(13 − 12)/(13 − 9) = −25; bars 2 and 3 have the NaN high in their window; bar 4: −100·(16 − 14)/(16 − 13).
  expect(result["williamsr(2).value"]).toEqual([[MINUTES[1], -25], [MINUTES[4], -200 / 3]]);
  expect(result["sma(2).value"]).toHaveLength(4);
});

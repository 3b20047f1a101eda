import { describe, expect, it } from "vitest";
import { nanPanel } from "../../src/panel/index.ts";

describe("nanPanel", () => {
  it("holds one missing cell per date and ticker, with the dates and tickers given", () => {
    const dates = ["2024-01-02", "2024-01-03"];
    const tickers = ["A", "B", "C"];
    const panel = nanPanel(dates, tickers);
    expect(panel.dates).toBe(dates);
    expect(panel.tickers).toBe(tickers);
    expect(Array.from(panel.values)).toEqual([NaN, NaN, NaN, NaN, NaN, NaN]);
  });

  it("is empty without dates or without tickers", () => {
    expect(nanPanel([], ["A"]).values.length).toBe(0);
    expect(nanPanel(["2024-01-02"], []).values.length).toBe(0);
  });
});

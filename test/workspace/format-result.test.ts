/**
 * formatResult: the exact text the REPL prints for row arrays, panels, outlines and scalars.
 */
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { formatDate, formatNumber, formatResult } from "../../src/workspace/index.ts";

describe("formatNumber", () => {
  it("keeps integers whole and other numbers to 6 significant digits, without trailing zeros", () => {
    const cases: [number, string][] = [
      [3, "3"],
      [1_000_000, "1000000"],
      [-0.5, "-0.5"],
      [0.1 + 0.2, "0.3"],
      [1 / 3, "0.333333"],
      [12345.678912, "12345.7"],
      [1234567.891, "1234568"],
      [99999.99999, "100000"],
      [0.000123456789, "0.000123457"],
      [1.23e-7, "1.23e-7"],
      [NaN, "NaN"],
      [-Infinity, "-Infinity"],
    ];
    expect(cases.map(([x]) => formatNumber(x))).toEqual(cases.map(([, text]) => text));
  });

  it("prints a UTC midnight as its date and another instant to the second", () => {
    expect(formatDate(new Date("2025-01-02T00:00:00Z"))).toBe("2025-01-02");
    expect(formatDate(new Date("2025-01-02T10:11:12.5Z"))).toBe("2025-01-02 10:11:12Z");
  });
});

describe("formatResult", () => {
  it("prints row objects as an aligned table: numbers right, text and dates left, missing keys blank", () => {
    const rows = [
      { date: "2025-01-02", ticker: "A", close: 100.123456789, volume: 1200, adjClose: null },
      { date: "2025-01-03", ticker: "BB", close: 99.5, volume: 3, adjClose: 99.5, at: new Date("2025-01-03T00:00:00Z") },
    ];
    expect(formatResult(rows)).toBe(
      [
        "   date        ticker    close  volume  adjClose  at",
        "0  2025-01-02  A       100.123    1200      null",
        "1  2025-01-03  BB         99.5       3      99.5  2025-01-03",
        "[2 rows × 6 columns]",
      ].join("\n"),
    );
  });

  it("shows the first 10 and last 5 of a long table around a … row", () => {
    const rows = Array.from({ length: 17 }, (_, i) => ({ i, x: i / 3 }));
    expect(formatResult(rows)).toBe(
      [
        "     i         x",
        "0    0         0",
        "1    1  0.333333",
        "2    2  0.666667",
        "3    3         1",
        "4    4   1.33333",
        "5    5   1.66667",
        "6    6         2",
        "7    7   2.33333",
        "8    8   2.66667",
        "9    9         3",
        "…    …         …",
        "12  12         4",
        "13  13   4.33333",
        "14  14   4.66667",
        "15  15         5",
        "16  16   5.33333",
        "[17 rows × 2 columns]",
      ].join("\n"),
    );
  });

  it("prints a panel with its dates as the index, NaN where missing, and elides tickers past 9", () => {
    const small = { dates: ["2025-01-02", "2025-01-03"], tickers: ["AAA", "BBB"], values: Float64Array.from([1.5, NaN, 2, 3.25]) };
    expect(formatResult(small)).toBe(["date        AAA   BBB", "2025-01-02  1.5   NaN", "2025-01-03    2  3.25", "[2 dates × 2 tickers]"].join("\n"));
    const tickers = Array.from({ length: 12 }, (_, t) => `T${t}`);
    const wide = { dates: ["2025-01-02"], tickers, values: Float64Array.from(tickers, (_, t) => t) };
    expect(formatResult(wide)).toBe(
      ["date        T0  T1  T2  T3  T4  T5  …  T9  T10  T11", "2025-01-02   0   1   2   3   4   5  …   9   10   11", "[1 date × 12 tickers]"].join("\n"),
    );
  });

  it("outlines a result object: scalars, nested objects, row arrays and panels by their size", () => {
    const result = {
      strategy: "equal-weight",
      metrics: { sharpeRatio: 1.234567891, maxDrawdown: -0.1, costs: null },
      trades: [
        { date: "2025-01-02", ticker: "A", shares: 10 },
        { date: "2025-01-03", ticker: "B", shares: 5 },
      ],
      closes: { dates: ["2025-01-02"], tickers: ["A", "B"], values: Float64Array.from([1, 2]) },
      tickers: ["A", "B"],
      series: new Float64Array(10),
      deep: { a: { b: { c: 1 } }, empty: {} },
    };
    expect(formatResult(result)).toBe(
      [
        "strategy: equal-weight",
        "metrics:",
        "  sharpeRatio: 1.23457",
        "  maxDrawdown: -0.1",
        "  costs: null",
        "trades: [2 rows × 3 columns: date, ticker, shares]",
        "closes: [panel 1 date × 2 tickers]",
        'tickers: ["A", "B"]',
        "series: Float64Array(10) [0, 0, 0, 0, 0, 0, 0, 0, … (10 items)]",
        "deep:",
        "  a:",
        "    b: {… 1 key}",
        "  empty: {}",
      ].join("\n"),
    );
  });

  it("prints scalars as the REPL would, and tables values made in another realm (a REPL context) too", () => {
    expect([formatResult("hi"), formatResult(3.14159265), formatResult(undefined), formatResult([]), formatResult([1, 2])]).toEqual([
      '"hi"',
      "3.14159",
      "undefined",
      "[]",
      "[ 1, 2 ]",
    ]);
    const foreign = runInNewContext('[{ day: new Date("2025-03-04T00:00:00Z"), n: 1 }]');
    expect(formatResult(foreign)).toBe(["   day         n", "0  2025-03-04  1", "[1 row × 2 columns]"].join("\n"));
  });
});

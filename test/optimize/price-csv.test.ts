/** The price CSV reader: layout, missing cells, and exact errors naming line and column. */
import { describe, expect, it } from "vitest";
import { parsePriceCsv } from "../../src/optimize/index.ts";

describe("parsePriceCsv", () => {
  it("reads dates, tickers and prices, empty cells as NaN", () => {
    const panel = parsePriceCsv('date,"AAA",BBB\r\n2024-01-02,10.5,\r\n2024-01-03,11,20.25\r\n2024-02-29,+1.5e2,.5\r\n');
    expect(panel.dates).toEqual(["2024-01-02", "2024-01-03", "2024-02-29"]);
    expect(panel.tickers).toEqual(["AAA", "BBB"]);
    expect(Array.from(panel.values)).toEqual([10.5, NaN, 11, 20.25, 150, 0.5]);
  });

  it.each([
    ["date,A\n2024-01-02,x\n", 'prices.csv line 2, column A: "x" is not a decimal number'],
    ["date,A,B\n2024-01-02,1,2\n2024-01-03,3,0x10\n", 'prices.csv line 3, column B: "0x10" is not a decimal number'],
    ["date,A\n2024-01-02,1e\n", 'prices.csv line 2, column A: "1e" is not a decimal number'],
    ["date,A\n2024-01-02,Infinity\n", 'prices.csv line 2, column A: "Infinity" is not a decimal number'],
    ["date,A\n2024-01-02,12abc\n", 'prices.csv line 2, column A: "12abc" is not a decimal number'],
    ["date,A\n2024-02-28,1\n2024-02-30,2\n", 'prices.csv line 3: date "2024-02-30" is not a calendar date YYYY-MM-DD'],
    ["date,A\n2024-01-03,1\n2024-01-02,2\n", "prices.csv line 3: date 2024-01-02 is not after 2024-01-03; sort the rows by date and drop duplicates"],
    ["date,A\n0000-01-03,1\n", 'prices.csv line 2: date "0000-01-03" is not a calendar date YYYY-MM-DD'],
    ["date,A\n02/01/2024,1\n", 'prices.csv line 2: date "02/01/2024" is not a calendar date YYYY-MM-DD'],
    ["date,A,B\n2024-01-02,1\n", "prices.csv line 2 has 2 cells, the header 3"],
    ["date,A,A\n2024-01-02,1,2\n", "prices.csv header repeats ticker A"],
    ["date\n2024-01-02\n", "prices.csv header has no ticker columns after the date column"],
  ])("rejects %j", (text, message) => {
    expect(() => parsePriceCsv(text, "prices.csv")).toThrow(message);
  });
});

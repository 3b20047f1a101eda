/**
 * Rebalance schedules (src/backtest/schedule.ts): parsing, and the decision rows of each form on
 * hand-made calendars, including a month whose last weekday is a holiday (Good Friday 2024-03-29,
 * also the quarter's last weekday) and the final row with and without the next stored date.
 */
import { describe, expect, it } from "vitest";
import { decisionRows, parseSchedule } from "../../src/backtest/schedule.ts";
import { InputError } from "../../src/errors.ts";

/** Weekdays 2024-03-18 … 2024-04-05 without Good Friday 2024-03-29. */
const EASTER = [
  "2024-03-18", "2024-03-19", "2024-03-20", "2024-03-21", "2024-03-22", // rows 0–4, Mon–Fri
  "2024-03-25", "2024-03-26", "2024-03-27", "2024-03-28", // rows 5–8, Mon–Thu
  "2024-04-01", "2024-04-02", "2024-04-03", "2024-04-04", "2024-04-05", // rows 9–13, Mon–Fri
];

const rows = (dates: readonly string[], startRow: number, text: string, nextDate: string | null) =>
  Array.from(decisionRows(dates, startRow, parseSchedule(text), nextDate));

describe("parseSchedule", () => {
  it("reads every form, ignoring case and surrounding space", () => {
    expect(parseSchedule("daily")).toEqual({ kind: "daily" });
    expect(parseSchedule("weekly")).toEqual({ kind: "weekly" });
    expect(parseSchedule(" Month-End ")).toEqual({ kind: "month-end" });
    expect(parseSchedule("quarter-end")).toEqual({ kind: "quarter-end" });
    expect(parseSchedule("every-5")).toEqual({ kind: "every", days: 5 });
    expect(parseSchedule("every-1")).toEqual({ kind: "every", days: 1 });
  });

  it("refuses anything else in one line listing the accepted forms", () => {
    for (const text of ["monthly", "every-0", "every-1.5", "every-", "5", ""]) {
      expect(() => parseSchedule(text)).toThrow(
        new InputError(`schedule "${text}" is not one of daily, weekly, month-end, quarter-end or every-N (every N trading days, N ≥ 1, e.g. every-5)`),
      );
    }
  });
});

describe("decisionRows", () => {
  it("daily: every row from the start row", () => {
    expect(rows(EASTER, 11, "daily", null)).toEqual([11, 12, 13]);
  });

  it("every-N: the start row and every N-th row after it", () => {
    expect(rows(EASTER, 2, "every-5", null)).toEqual([2, 7, 12]);
    expect(rows(EASTER, 13, "every-5", null)).toEqual([13]);
  });

  it("month-end: the Thursday before a Good Friday that ends the month, and the start row", () => {
    expect(rows(EASTER, 0, "month-end", null)).toEqual([0, 8]);
    expect(rows(EASTER, 0, "quarter-end", null)).toEqual([0, 8]);
    expect(rows(EASTER, 9, "month-end", null)).toEqual([9]);
  });

  it("final row: a period end by the next stored date; without one, only when no weekday of its period follows", () => {
    const toThursday = EASTER.slice(0, 9); // ends 2024-03-28; Friday 03-29 is a weekday of March
    expect(rows(toThursday, 0, "month-end", null)).toEqual([0]);
    expect(rows(toThursday, 0, "month-end", "2024-04-01")).toEqual([0, 8]);
    expect(rows(toThursday, 0, "quarter-end", "2024-04-01")).toEqual([0, 8]);
    expect(rows(toThursday, 0, "weekly", null)).toEqual([0, 4]);
    expect(rows(toThursday, 0, "weekly", "2024-04-01")).toEqual([0, 4, 8]);
    const endOfQuarter = ["2024-06-27", "2024-06-28"]; // Friday 06-28, then a weekend ends June
    expect(rows(endOfQuarter, 0, "quarter-end", null)).toEqual([0, 1]);
    expect(rows(endOfQuarter, 0, "month-end", null)).toEqual([0, 1]);
    expect(rows(EASTER, 0, "month-end", null)).toEqual([0, 8]); // Friday 04-05 does not end April
  });

  it("weekly: the last trading day of each ISO week, the final Friday included", () => {
    expect(rows(EASTER, 1, "weekly", null)).toEqual([1, 4, 8, 13]);
    const toThursday = EASTER.slice(0, 13); // ends Thursday 2024-04-04
    expect(rows(toThursday, 1, "weekly", null)).toEqual([1, 4, 8]);
    expect(rows(toThursday, 1, "weekly", "2024-04-05")).toEqual([1, 4, 8]);
    expect(rows(toThursday, 1, "weekly", "2024-04-08")).toEqual([1, 4, 8, 12]);
  });

  it("weeks span years by their Monday; months and quarters by the calendar", () => {
    // Mon 2019-12-30 … Fri 2020-01-03 is one ISO week.
    const newYear = ["2019-12-27", "2019-12-30", "2019-12-31", "2020-01-02", "2020-01-03", "2020-01-06"];
    expect(rows(newYear, 0, "weekly", null)).toEqual([0, 4]);
    expect(rows(newYear, 0, "month-end", null)).toEqual([0, 2]);
    const months = ["2024-01-30", "2024-01-31", "2024-02-01", "2024-02-29", "2024-03-01", "2024-03-28", "2024-04-01"];
    expect(rows(months, 0, "month-end", null)).toEqual([0, 1, 3, 5]);
    expect(rows(months, 0, "quarter-end", null)).toEqual([0, 5]);
    expect(rows(months, 2, "quarter-end", null)).toEqual([2, 5]);
  });

  it("is empty when the start row is past the last date, and refuses a start row or next date out of place", () => {
    expect(rows(EASTER, 14, "daily", null)).toEqual([]);
    expect(() => decisionRows(EASTER, 15, { kind: "daily" }, null)).toThrow(new RangeError("start row 15 is outside the 14 dates"));
    expect(() => decisionRows(EASTER, 0, { kind: "weekly" }, "2024-04-05")).toThrow(
      new RangeError("next date 2024-04-05 is not after the last date 2024-04-05"),
    );
  });
});

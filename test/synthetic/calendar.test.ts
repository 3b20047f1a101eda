import { describe, expect, it } from "vitest";
import { calendarDays, mondayOf, weekdaysEnding, weekdaysFrom } from "../../src/synthetic/calendar.ts";

describe("synthetic calendars", () => {
  it("calendarDays counts every day, across a month and a leap day", () => {
    expect(calendarDays("2024-02-27", 4)).toEqual(["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"]);
    expect(calendarDays("2024-01-01", 0)).toEqual([]);
  });

  it("weekdaysFrom starts on or after the first date and skips weekends", () => {
    // 2015-01-03 is a Saturday.
    expect(weekdaysFrom("2015-01-03", 3)).toEqual(["2015-01-05", "2015-01-06", "2015-01-07"]);
    expect(weekdaysFrom("2015-01-01", 3)).toEqual(["2015-01-01", "2015-01-02", "2015-01-05"]);
  });

  it("weekdaysEnding ends on or before the end date, oldest first", () => {
    // 2025-10-10 is a Friday; 2025-10-12 a Sunday.
    expect(weekdaysEnding("2025-10-12", 3)).toEqual(["2025-10-08", "2025-10-09", "2025-10-10"]);
    expect(weekdaysEnding("2025-10-13", 2)).toEqual(["2025-10-10", "2025-10-13"]);
    expect(weekdaysEnding("2025-12-31", 2000)[0]).toBe("2018-05-03");
  });

  it("mondayOf maps every day of a week to its Monday", () => {
    expect(["2025-10-06", "2025-10-08", "2025-10-11", "2025-10-12"].map(mondayOf)).toEqual(["2025-10-06", "2025-10-06", "2025-10-06", "2025-10-06"]);
    expect(mondayOf("2025-10-13")).toBe("2025-10-13");
  });
});

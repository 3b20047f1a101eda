import { describe, expect, it } from "vitest";
import { addDays, isIsoDate, maxDate, minDate, utcDate } from "../../src/util/dates.ts";

describe("calendar dates", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2024-01-31", 366)).toBe("2025-01-31");
    expect(addDays("2024-01-31", 0)).toBe("2024-01-31");
  });

  it("accepts only real calendar dates written YYYY-MM-DD", () => {
    expect(["2024-02-29", "2000-02-29", "1999-12-31"].map(isIsoDate)).toEqual([true, true, true]);
    expect(["2023-02-29", "2021-02-30", "2024-13-01", "2024-1-05", "20240105", "2024-01-05T00:00:00Z", ""].map(isIsoDate)).toEqual([
      false, false, false, false, false, false, false,
    ]);
  });

  it("takes the UTC date of an instant, never the local one", () => {
    expect(utcDate(new Date(Date.UTC(2024, 0, 31, 23, 59, 59)))).toBe("2024-01-31");
  });

  it("orders dates as strings", () => {
    expect([minDate("2024-01-05", "2023-12-31"), maxDate("2024-01-05", "2023-12-31")]).toEqual(["2023-12-31", "2024-01-05"]);
  });
});

import { describe, expect, it } from "vitest";
import { nanPanel, rowsOfDates } from "../../src/panel/index.ts";

const panel = nanPanel(["2024-01-02", "2024-01-03", "2024-01-04"], ["A"]);

describe("rowsOfDates", () => {
  it("maps each date to its row, in the order asked", () => {
    expect(rowsOfDates(panel, ["2024-01-04", "2024-01-02"])).toEqual([2, 0]);
    expect(rowsOfDates(panel, [])).toEqual([]);
  });

  it("rejects a date the panel does not hold as bad input", () => {
    expect(() => rowsOfDates(panel, ["2024-01-02", "2024-01-05"])).toThrow(
      expect.objectContaining({ name: "InputError", code: "bad-input", message: "date 2024-01-05 is not in the panel" }),
    );
    expect(() => rowsOfDates(nanPanel([], ["A"]), ["2024-01-02"])).toThrow("date 2024-01-02 is not in the panel");
  });
});

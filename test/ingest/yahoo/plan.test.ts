import { describe, expect, it } from "vitest";
import { fullRange, hasNewSplit, nextCoverage, planFetch } from "../../../src/ingest/yahoo/plan.ts";
import { dateInZone, periodStart } from "../../../src/ingest/yahoo/dates.ts";

const coverage = { coveredFrom: "2020-01-01", coveredTo: "2020-06-30", lastSplitDate: null };

describe("incremental plan", () => {
  it("fetches the whole wanted range when nothing is covered", () => {
    expect(planFetch(undefined, { from: "2020-01-01", to: "2020-06-30" }, 5)).toEqual({ from: "2020-01-01", to: "2020-06-30" });
  });

  it("fetches the last 5 covered days again plus what is new", () => {
    expect(planFetch(coverage, { from: "2020-01-01", to: "2020-07-10" }, 5)).toEqual({ from: "2020-06-26", to: "2020-07-10" });
    expect(planFetch(coverage, { from: "2020-01-01", to: "2020-06-30" }, 5)).toEqual({ from: "2020-06-26", to: "2020-06-30" });
    expect(planFetch(coverage, { from: "2020-01-01", to: "2020-07-10" }, 0)).toEqual({ from: "2020-07-01", to: "2020-07-10" });
  });

  it("keeps the revision window inside a short coverage", () => {
    const short = { coveredFrom: "2020-06-29", coveredTo: "2020-06-30", lastSplitDate: null };
    expect(planFetch(short, { from: "2020-06-29", to: "2020-07-03" }, 5)).toEqual({ from: "2020-06-29", to: "2020-07-03" });
  });

  it("fetches nothing for a range already held outside the revision window", () => {
    expect(planFetch(coverage, { from: "2020-02-01", to: "2020-03-31" }, 5)).toBeUndefined();
    expect(planFetch(coverage, { from: "2020-01-01", to: "2020-06-25" }, 5)).toBeUndefined();
  });

  it("reaches back to an earlier start in one range that joins the coverage", () => {
    expect(planFetch(coverage, { from: "2019-01-01", to: "2019-03-31" }, 5)).toEqual({ from: "2019-01-01", to: "2020-06-30" });
  });

  it("fills a gap after the coverage so it stays one range", () => {
    expect(planFetch(coverage, { from: "2020-09-01", to: "2020-09-30" }, 5)).toEqual({ from: "2020-06-26", to: "2020-09-30" });
    expect(nextCoverage(coverage, { from: "2020-06-26", to: "2020-09-30" }, [])).toEqual({ ...coverage, coveredTo: "2020-09-30" });
  });

  it("flags a split newer than the stored history, and only such a split", () => {
    const held = { ...coverage, lastSplitDate: "2020-03-02" };
    expect(hasNewSplit(held, ["2020-03-02"])).toBe(false);
    expect(hasNewSplit(held, ["2020-07-01"])).toBe(true);
    expect(hasNewSplit(coverage, ["2019-12-31"])).toBe(false);
    expect(hasNewSplit(coverage, ["2020-01-02"])).toBe(true);
    expect(hasNewSplit(undefined, ["2020-07-01"])).toBe(false);
    expect(fullRange(held, { from: "2020-03-01", to: "2020-07-10" })).toEqual({ from: "2020-01-01", to: "2020-07-10" });
    expect(nextCoverage(held, { from: "2020-01-01", to: "2020-07-10" }, ["2020-07-01"]).lastSplitDate).toBe("2020-07-01");
  });
});

describe("dates", () => {
  it("dates a bar by the exchange's clock, not UTC", () => {
    // 2024-01-02 23:00 UTC is 10:00 on 2024-01-03 in Sydney and 18:00 on 2024-01-02 in New York.
    const instant = new Date("2024-01-02T23:00:00Z");
    expect(dateInZone(instant, "Australia/Sydney")).toBe("2024-01-03");
    expect(dateInZone(instant, "America/New_York")).toBe("2024-01-02");
  });

  it("keys weekly bars by Monday and monthly bars by the 1st", () => {
    expect(periodStart("2024-01-03", "1w")).toBe("2024-01-01");
    expect(periodStart("2024-01-07", "1w")).toBe("2024-01-01");
    expect(periodStart("2024-01-08", "1w")).toBe("2024-01-08");
    expect(periodStart("2024-02-29", "1mo")).toBe("2024-02-01");
    expect(periodStart("2024-02-29", "1d")).toBe("2024-02-29");
  });
});

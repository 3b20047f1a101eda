import { describe, expect, it } from "vitest";
import { adjustSeries, type DividendEvent, type SplitEvent, type StoredBar } from "../../../src/repositories/adjusted-prices.ts";

function bar(date: string, close: number, priceBasis: StoredBar["priceBasis"] = "raw", fetchedOn: string | null = null, volume = 1000): StoredBar {
  return { date, open: close, high: close, low: null, close, volume, priceBasis, fetchedOn };
}

const closes = (bars: { close: number }[]) => bars.map((b) => b.close);

describe("adjustSeries: hand-checked cases", () => {
  // Raw history: a 2-for-1 split on 01-05 after a dividend of 2.00 (pre-split shares) on 01-03.
  const raw = [bar("2024-01-02", 100), bar("2024-01-03", 50), bar("2024-01-04", 52), bar("2024-01-05", 26)];
  const splits: SplitEvent[] = [{ date: "2024-01-05", ratio: 2 }];
  const dividends: DividendEvent[] = [{ exDate: "2024-01-03", amount: 2 }];

  it("splits: bars before the split date are divided by the ratio, volumes multiplied", () => {
    const adjusted = adjustSeries(raw, splits, dividends, { asOf: "2024-01-05", mode: "split" });
    expect(closes(adjusted)).toEqual([50, 25, 26, 26]);
    expect(adjusted.map((b) => b.volume)).toEqual([2000, 2000, 2000, 1000]);
    expect(adjusted[0]).toEqual({ date: "2024-01-02", open: 50, high: 50, low: null, close: 50, volume: 2000 });
  });

  it("total: each ex-date multiplies earlier bars by 1 − D/C on the split basis", () => {
    // Split basis as of 01-05: D = 2/2 = 1, C (01-02) = 50 → f = 0.98.
    expect(closes(adjustSeries(raw, splits, dividends, { asOf: "2024-01-05", mode: "total" }))).toEqual([49, 25, 26, 26]);
    // As of 01-04 the split is not known yet: D = 2, C = 100 → f = 0.98 on the raw basis.
    expect(closes(adjustSeries(raw, splits, dividends, { asOf: "2024-01-04", mode: "total" }))).toEqual([98, 50, 52]);
  });

  it("returns only bars dated on or before asOf, and ignores events after it", () => {
    expect(closes(adjustSeries(raw, splits, dividends, { asOf: "2024-01-02", mode: "total" }))).toEqual([100]);
    const later = { splits: [...splits, { date: "2024-02-01", ratio: 10 }], dividends: [...dividends, { exDate: "2024-01-20", amount: 5 }] };
    for (const mode of ["raw", "split", "total"] as const) {
      expect(adjustSeries(raw, later.splits, later.dividends, { asOf: "2024-01-05", mode })).toEqual(
        adjustSeries(raw, splits, dividends, { asOf: "2024-01-05", mode }),
      );
    }
  });

  it("undoes a split basis: prices times the splits in (date, fetch date], volumes divided", () => {
    const yahoo = [bar("2024-01-02", 50, "split", "2024-03-01", 2000), bar("2024-01-05", 26, "split", "2024-03-01")];
    const asRaw = adjustSeries(yahoo, splits, [], { asOf: "2024-01-05", mode: "raw" });
    expect(asRaw.map((b) => [b.close, b.volume])).toEqual([
      [100, 1000],
      [26, 1000],
    ]);
    // A split after the fetch date is not in the basis: nothing to undo.
    expect(closes(adjustSeries(yahoo, [...splits, { date: "2024-06-03", ratio: 3 }], [], { asOf: "2024-12-31", mode: "raw" }))).toEqual([100, 26]);
    // Unknown fetch date: the basis is taken to include every stored split.
    expect(closes(adjustSeries([bar("2024-01-02", 50, "split", null)], splits, [], { asOf: "2024-01-04", mode: "raw" }))).toEqual([100]);
  });

  it("undoes a total basis exactly from the snapshot's own closes", () => {
    const total = [bar("2024-01-02", 49, "total", "2024-03-01"), bar("2024-01-03", 25, "total", "2024-03-01"), bar("2024-01-04", 26, "total", "2024-03-01"), bar("2024-01-05", 26, "total", "2024-03-01")];
    const back = closes(adjustSeries(total, splits, dividends, { asOf: "2024-03-01", mode: "raw" }));
    [100, 50, 52, 26].forEach((expected, i) => expect(back[i]).toBeCloseTo(expected, 12));
  });

  it("puts bars of different bases and fetch dates on one basis", () => {
    // Old bars from a raw source, recent ones from Yahoo fetched after the split.
    const mixed = [bar("2024-01-02", 100), bar("2024-01-03", 50), bar("2024-01-04", 26, "split", "2024-03-01"), bar("2024-01-05", 26, "split", "2024-03-01")];
    expect(closes(adjustSeries(mixed, splits, [], { asOf: "2024-03-01", mode: "raw" }))).toEqual([100, 50, 52, 26]);
    expect(closes(adjustSeries(mixed, splits, [], { asOf: "2024-03-01", mode: "split" }))).toEqual([50, 25, 26, 26]);
  });

  it("gives the same past whether the bars were fetched before or after a later split", () => {
    // Fetched on 01-04 (before the split) and again on 03-01 (after it: prices halved and volumes
    // doubled before 01-05).
    const before = [bar("2024-01-02", 100, "split", "2024-01-04"), bar("2024-01-03", 50, "split", "2024-01-04"), bar("2024-01-04", 52, "split", "2024-01-04")];
    const after = [
      bar("2024-01-02", 50, "split", "2024-03-01", 2000),
      bar("2024-01-03", 25, "split", "2024-03-01", 2000),
      bar("2024-01-04", 26, "split", "2024-03-01", 2000),
      bar("2024-01-05", 26, "split", "2024-03-01"),
    ];
    for (const mode of ["raw", "split", "total"] as const) {
      expect(adjustSeries(after, splits, dividends, { asOf: "2024-01-04", mode })).toEqual(adjustSeries(before, splits, dividends, { asOf: "2024-01-04", mode }));
    }
  });
});

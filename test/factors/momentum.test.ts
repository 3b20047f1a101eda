import { describe, expect, it } from "vitest";
import { momentum12_1 } from "../../src/factors/momentum-12-1.ts";
import { reversal1m } from "../../src/factors/reversal-1m.ts";
import { column, panelFromColumns, row } from "./panels.ts";

const g = 1.001;
const geometric = Array.from({ length: 320 }, (_, k) => 100 * g ** k);

/** Own bar j closes at 1 + j, placed on the panel rows not in `holes`. */
function linearWithHoles(rows: number, holes: readonly number[]): number[] {
  let j = 0;
  return Array.from({ length: rows }, (_, d) => (holes.includes(d) ? NaN : 1 + j++));
}

describe("momentum_12_1", () => {
  const closes = panelFromColumns({ A: geometric, B: linearWithHoles(320, [50, 51, 300]) });
  const values = momentum12_1.compute({ closes });

  it("equals g^231 − 1 on a geometric series once 252 prior bars exist", () => {
    const a = column(values, 0);
    expect(a.slice(0, 252).every(Number.isNaN)).toBe(true);
    expect(a[252]).toBeCloseTo(g ** 231 - 1, 12);
    expect(a[319]).toBeCloseTo(g ** 231 - 1, 12);
  });

  it("counts t−21 and t−252 on the instrument's own bars, skipping its holes", () => {
    const b = column(values, 1);
    // Rows 50 and 51 are holes, so row 253 is own bar 251 (too early) and row 254 own bar 252.
    expect(b[253]).toBeNaN();
    expect(b[254]).toBe((1 + 252 - 21) / (1 + 252 - 252) - 1);
    // Row 310 is own bar 307 (three holes before it): close 287 over close 56.
    expect(b[310]).toBe(287 / 56 - 1);
    // No bar on the date → no value, even with enough history.
    expect(b[300]).toBeNaN();
  });

  it("leaves other tickers unaffected by one ticker's holes", () => {
    expect(row(values, 253)[0]).toBeCloseTo(g ** 231 - 1, 12);
  });

  it("computes only the requested rows, in the order given", () => {
    const at = momentum12_1.compute({ closes }, [310, 260]);
    expect(at.dates).toEqual([closes.dates[310], closes.dates[260]]);
    expect(row(at, 0)).toEqual(row(values, 310));
    expect(row(at, 1)).toEqual(row(values, 260));
  });

  it("rejects a missing close panel and an out-of-range row", () => {
    expect(() => momentum12_1.compute({})).toThrow("factor momentum_12_1 needs inputs.closes");
    expect(() => momentum12_1.compute({ closes }, [320])).toThrow("row index 320 is outside the panel's 320 dates");
  });
});

describe("reversal_1m", () => {
  const closes = panelFromColumns({ A: geometric, B: linearWithHoles(320, [10]) });
  const values = reversal1m.compute({ closes });

  it("equals g^21 − 1 on a geometric series from the 21st prior bar on", () => {
    const a = column(values, 0);
    expect(a.slice(0, 21).every(Number.isNaN)).toBe(true);
    expect(a[21]).toBeCloseTo(g ** 21 - 1, 13);
  });

  it("uses own bars: row 30 is own bar 29 after one hole, close 30 over close 9", () => {
    const b = column(values, 1);
    expect(b[21]).toBeNaN(); // own bar 20
    expect(b[30]).toBe(30 / 9 - 1);
  });
});

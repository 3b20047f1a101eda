/**
 * The tick-window indicators (TWPA, TWPA ratio, price velocity, volume surge ratio, bid-ask imbalance,
 * spread %) on the hand-made ticks of ticks.ts, every value worked out by hand from the formulas in
 * the kernels' headers: warm-up and empty windows are NaN (never 0), rows sharing a time, windows
 * open at their start for counted trades, a grid that does not change a value.
 */
import { describe, expect, it } from "vitest";
import {
  bidAskImbalance,
  ExactSum,
  priceVelocity,
  spreadPct,
  timeGrid,
  twpa,
  twpaRatio,
  volumeSurgeRatio,
} from "../../src/indicators/index.ts";
import { values } from "./series.ts";
import { at, BOOKS, bookColumns, gridOf, TRADES, tradeColumns } from "./ticks.ts";

describe("the time grid", () => {
  it("is the multiples of the step from the first at or after `from` to the last at or before `to`", () => {
    expect(values(timeGrid(at(1.5), at(4.2), 1_000_000))).toEqual([at(2), at(3), at(4)]);
    expect(values(timeGrid(at(2), at(3), 500_000))).toEqual([at(2), at(2.5), at(3)]);
    expect(values(timeGrid(at(3), at(2), 1_000_000))).toEqual([]);
  });

  it("refuses a step that is not whole microseconds and a grid too large", () => {
    expect(() => timeGrid(0, 10, 0.5)).toThrow("the grid step must be whole microseconds ≥ 1, got 0.5");
    expect(() => timeGrid(0, 10_000_000_000, 1000)).toThrow("a grid every 0.001 s over 10000 s has 10000001 times, more than 5000000: evaluate less often");
  });
});

describe("ExactSum", () => {
  it("takes values away exactly, and adds products exactly", () => {
    const sum = new ExactSum();
    sum.add(1e16);
    sum.add(1);
    sum.add(0.1);
    sum.add(-1e16);
    expect(sum.value()).toBe(1.1);
    sum.add(-0.1);
    sum.add(-1);
    expect(sum.value()).toBe(0);
    // 0.1 × 3 − 0.3 is 5.551115123125783e-17 with the product rounded, 2.7755575615628914e-17
    // exactly (Python: float(Fraction(0.1) * 3 - Fraction(0.3))).
    sum.addProduct(0.1, 3);
    sum.add(-0.3);
    expect(sum.value()).toBe(2.7755575615628914e-17);
  });
});

describe("TWPA", () => {
  it("weights each price by how long it stood, the last trade before the window counting from its start", () => {
    // g=4: 100 over [0,2], 104 over [2,4] (102 at t=2 stood no time) = 408 / 4.
    // g=5: 100×1 + 104×3 = 412 / 4; g=6: 104×3 + 101×1 = 413 / 4; g=7: 104×2 + 101 + 110 = 419 / 4;
    // g=8: 104 + 101 + 110×2 = 425 / 4; g=9: 101 + 110×3 = 431 / 4; g=10: 110 all along.
    expect(values(twpa(TRADES, gridOf(0, 10), 4, 0))).toEqual([NaN, NaN, NaN, NaN, 102, 103, 103.25, 104.75, 106.25, 107.75, 110]);
  });

  it("has no value until a trade stands at the window's start: never a partial window", () => {
    const out = values(twpa(TRADES, gridOf(0, 10), 300, 0));
    expect(out.every(Number.isNaN)).toBe(true);
  });

  it("over a window ending in the past: (t1, t2) = (4, 2)", () => {
    // g=4: 100 over [0,2] = 100; g=5: 100 + 104 = 204 / 2; g=6, 7: 104; g=8: 104 + 101 = 205 / 2;
    // g=9: 101 + 110 = 211 / 2; g=10: 110.
    expect(values(twpa(TRADES, gridOf(0, 10), 4, 2))).toEqual([NaN, NaN, NaN, NaN, 100, 102, 104, 104, 102.5, 105.5, 110]);
  });

  it("is the same at a time on any grid", () => {
    const fine = values(twpa(TRADES, gridOf(0, 10, 0.25), 4, 0));
    expect(fine.filter((_, k) => k % 4 === 0)).toEqual(values(twpa(TRADES, gridOf(0, 10), 4, 0)));
    // g=4.5: 100×1.5 + 104×2.5 = 410 / 4.
    expect(fine[18]).toBe(102.5);
  });
});

describe("TWPA ratio", () => {
  it("is TWPA(t1, t2) / TWPA(t3, t4), NaN while the longer window warms up", () => {
    expect(values(twpaRatio(TRADES, gridOf(0, 10), 4, 0, 4, 2))).toEqual([NaN, NaN, NaN, NaN, 102 / 100, 103 / 102, 103.25 / 104, 104.75 / 104, 106.25 / 102.5, 107.75 / 105.5, 1]);
    // TWPA(6, 1) needs a trade at g − 6: g=6: 100×2 + 104×3 = 512 / 5; g=7: 100 + 104×3 + 101 = 513 / 5;
    // g=8: 104×3 + 101 + 110 = 523 / 5; g=9: 104×2 + 101 + 110×2 = 529 / 5; g=10: 104 + 101 + 110×3 = 535 / 5.
    expect(values(twpaRatio(TRADES, gridOf(0, 10), 2, 0, 6, 1))).toEqual([NaN, NaN, NaN, NaN, NaN, NaN, 102.5 / 102.4, 105.5 / 102.6, 110 / 104.6, 110 / 105.8, 110 / 107]);
  });

  it("keeps prices far below 0.001 (the original refused them)", () => {
    const cheap = tradeColumns([[0, 0.00002, 1], [2, 0.00004, 1]]);
    expect(values(twpaRatio(cheap, gridOf(4, 4), 2, 0, 4, 2))).toEqual([2]);
  });
});

describe("price velocity", () => {
  it("is (TWPA(t, 0) − TWPA(t + d, d)) / TWPA(t + d, d) × 100 / d, in % per second", () => {
    // now = TWPA(2, 0), earlier = TWPA(4, 2): g=4: 104 against 100; g=6: (104×1 + 101×1) / 2 against 104;
    // g=7: (101 + 110) / 2 against 104; g=10: 110 against 110.
    const out = values(priceVelocity(TRADES, gridOf(0, 10), 2, 2));
    expect(out.slice(0, 4).every(Number.isNaN)).toBe(true);
    expect(out[4]).toBe(2);
    expect(out[6]).toBe((((102.5 - 104) / 104) * 100) / 2);
    expect(out[7]).toBe((((105.5 - 104) / 104) * 100) / 2);
    expect(out[10]).toBe(0);
  });
});

describe("volume surge ratio", () => {
  it("is the mean trade volume of (g − t1, g − t2] over the median of (g − t3, g − t4], trades without volume left out", () => {
    // g=0: baseline empty; g=2: 4 (3 and 5) over 1; g=3: the same trades; g=4: no trade in (2, 4];
    // g=5: only the trade without volume; g=6: 2 over the median of 3 and 5; g=7: 2 over 4; g=8: none.
    expect(values(volumeSurgeRatio(TRADES, gridOf(0, 8), 2, 0, 6, 2))).toEqual([NaN, NaN, 4, 4, NaN, NaN, 0.5, 0.5, NaN]);
  });

  it("counts a trade on the boundary between the windows in the baseline only", () => {
    // g=6, windows (2, 6] and (−2, 2]: the trades at t=2 are in the baseline (1, 3, 5: median 3), not the current one (2).
    expect(values(volumeSurgeRatio(TRADES, gridOf(6, 6), 4, 0, 8, 4))).toEqual([2 / 3]);
  });

  it("has no value over a baseline whose median volume is 0", () => {
    const zero = tradeColumns([[0, 1, 0], [1, 1, 0], [2, 1, 4]]);
    expect(values(volumeSurgeRatio(zero, gridOf(3, 3), 1, 0, 3, 1))).toEqual([NaN]);
  });
});

describe("bid-ask imbalance", () => {
  it("of the standing book (t = 0): (bid qty − ask qty) / (bid qty + ask qty) × 100 over all levels", () => {
    expect(values(bidAskImbalance(BOOKS, gridOf(0, 7), 0))).toEqual([NaN, 50, 50, -50, NaN, NaN, 0, 0]);
  });

  it("time-weighted over the last t seconds, NaN over a window in which an empty book stood", () => {
    // g=3: 50 over [1,3] (the first t=3 book stood no time, the second stands at 3 for no time);
    // g=3.5: 50×1.5 − 50×0.5 = 50 / 2; from g=4 the empty book stands in the window until g=8.
    const out = values(bidAskImbalance(BOOKS, gridOf(0, 8, 0.5), 2));
    expect(out).toEqual([NaN, NaN, NaN, NaN, NaN, NaN, 50, 25, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, 0]);
  });

  it("is +100 for bids only and −100 for asks only", () => {
    const oneSided = bookColumns([[0, [[10, 2]], []], [1, [], [[11, 5], [12, 1]]]]);
    expect(values(bidAskImbalance(oneSided, gridOf(0, 1), 0))).toEqual([100, -100]);
  });
});

describe("spread %", () => {
  it("of the standing book (t = 0): (ask − bid) / mid × 100, NaN without both sides", () => {
    expect(values(spreadPct(BOOKS, gridOf(0, 7), 0))).toEqual([NaN, 2, 2, 1, NaN, NaN, 0, 0]);
    const oneSided = bookColumns([[0, [[10, 2]], []]]);
    expect(values(spreadPct(oneSided, gridOf(0, 1), 0))).toEqual([NaN, NaN]);
  });

  it("time-weighted over the last t seconds", () => {
    // g=3.5: 2 % over [1.5, 3] and 1 % over [3, 3.5] = 3.5 / 2.
    expect(values(spreadPct(BOOKS, gridOf(3, 4, 0.5), 2))).toEqual([2, 1.75, NaN]);
  });

  it("has no value without a book, where the original made up 0.1", () => {
    expect(values(spreadPct(bookColumns([]), gridOf(0, 2), 0))).toEqual([NaN, NaN, NaN]);
  });
});

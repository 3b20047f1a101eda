import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { costDrag, exposure, tradeStatistics, turnover } from "../../src/backtest/metrics.ts";

// Expected values are worked out by hand (the comments show the arithmetic).
describe("tradeStatistics", () => {
  it("counts wins, losses and a breakeven trade, and computes profit factor, expectancy and SQN", () => {
    const stats = tradeStatistics(Float64Array.from([100, -50, 0, 200, -25]));
    expect(stats.count).toBe(5);
    expect(stats.wins).toBe(2);
    expect(stats.losses).toBe(2);
    expect(stats.hitRate).toBeCloseTo(0.4, 12); // the breakeven trade is in the count, not a win
    expect(stats.averageWin).toBeCloseTo(150, 12);
    expect(stats.averageLoss).toBeCloseTo(-37.5, 12);
    expect(stats.profitFactor).toBeCloseTo(4, 12); // 300 / 75
    expect(stats.expectancy).toBeCloseTo(45, 12); // 225 / 5
    // deviations 55 −95 −45 155 −70, Σ² = 43000, ddof 1 → variance 10750
    expect(stats.sqn).toBeCloseTo((Math.sqrt(5) * 45) / Math.sqrt(10750), 12);
    expect(stats.sqn).toBeCloseTo(0.9704949588309457, 12);
  });

  it("gives NaN profit factor and average loss when every trade wins", () => {
    const stats = tradeStatistics([10, 30]);
    expect(stats.hitRate).toBe(1);
    expect(stats.averageWin).toBeCloseTo(20, 12);
    expect(stats.averageLoss).toBeNaN();
    expect(stats.profitFactor).toBeNaN();
    expect(stats.sqn).toBeCloseTo(2, 12); // √2 × 20 / √200
  });

  it("gives profit factor 0 and NaN average win when every trade loses", () => {
    const stats = tradeStatistics([-10, -30]);
    expect(stats.profitFactor).toBe(0);
    expect(stats.averageWin).toBeNaN();
    expect(stats.averageLoss).toBeCloseTo(-20, 12);
    expect(stats.hitRate).toBe(0);
    expect(stats.sqn).toBeCloseTo(-2, 12);
  });

  it("gives NaN SQN for a single trade and for trades with no spread", () => {
    const single = tradeStatistics([5]);
    expect(single).toMatchObject({ count: 1, wins: 1, losses: 0, hitRate: 1, averageWin: 5, expectancy: 5 });
    expect(single.sqn).toBeNaN();
    expect(single.profitFactor).toBeNaN();
    expect(tradeStatistics([5, 5]).sqn).toBeNaN();
  });

  it("gives count 0 and NaN for everything else on no trades", () => {
    const stats = tradeStatistics([]);
    expect(stats.count).toBe(0);
    expect(stats.wins).toBe(0);
    expect(stats.losses).toBe(0);
    for (const key of ["hitRate", "averageWin", "averageLoss", "profitFactor", "expectancy", "sqn"] as const) expect(stats[key]).toBeNaN();
  });

  it("rejects a non-finite P&L", () => {
    expect(() => tradeStatistics([1, NaN])).toThrow(InputError);
    expect(() => tradeStatistics([1, NaN])).toThrow("trade P&L 1 is NaN: give the finite P&L of each closed trade");
  });
});

describe("turnover", () => {
  it("is value bought + sold over equity: a full rotation is 2, a period without positive equity is NaN", () => {
    // period 1 sells a 1000 book and buys another: 2000 / 1000
    const result = turnover([0, 2000, 550, 10], Float64Array.from([1000, 1000, 1100, 0]));
    expect(Array.from(result.perPeriod.slice(0, 3))).toEqual([0, 2, 0.5]);
    expect(result.perPeriod[3]).toBeNaN();
    expect(result.mean).toBeCloseTo(2.5 / 3, 12);
    expect(result.annual).toBeCloseTo((2.5 / 3) * 252, 12);
    expect(turnover([0, 2000, 550], [1000, 1000, 1100], { period: "monthly" }).annual).toBeCloseTo((2.5 / 3) * 12, 12);
  });

  it("rejects negative traded value and misaligned series", () => {
    expect(() => turnover([-5], [1000])).toThrow("traded value 0 is -5: give value bought + value sold, which is never negative");
    expect(() => turnover([5, 5], [1000])).toThrow("equity has 1 values but traded has 2: align them by position (NaN for missing)");
  });
});

describe("costDrag", () => {
  it("is the annual return lost to a constant 1 bp per day cost", () => {
    const gross = new Float64Array(252);
    const net = new Float64Array(252).fill(-0.0001);
    expect(costDrag(gross, net)).toBeCloseTo(1 - 0.9999 ** 252, 12);
    expect(costDrag(gross, net)).toBeCloseTo(0.024886359175049666, 12);
    expect(costDrag([0.001, 0.001], [0.0009, 0.0009])).toBeCloseTo(1.001 ** 252 - 1.0009 ** 252, 12);
  });

  it("rejects misaligned series", () => {
    expect(() => costDrag([0.01], [0.01, 0.02])).toThrow("netReturns has 2 values but grossReturns has 1: align them by position (NaN for missing)");
  });
});

describe("exposure", () => {
  it("measures a long-short book: 100/100 is gross 2, net 0; 150/50 is gross 2, net 1", () => {
    const result = exposure([2000, 2000], [0, 1000], [1000, 1000]);
    expect(Array.from(result.gross)).toEqual([2, 2]);
    expect(Array.from(result.net)).toEqual([0, 1]);
    expect(result.meanGross).toBeCloseTo(2, 12);
    expect(result.meanNet).toBeCloseTo(0.5, 12);
  });

  it("rejects gross below |net|", () => {
    expect(() => exposure([100], [-200], [1000])).toThrow("gross value 0 is 100 but net is -200: gross is Σ |position value|, never below |net|");
  });
});

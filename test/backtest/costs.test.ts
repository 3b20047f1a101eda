/**
 * Cost and fill models of the backtest simulator (src/backtest/costs): each model against its closed
 * form with hand-computed values, then `fillCost` combining them in its documented order.
 */
import { describe, expect, it } from "vitest";
import {
  checkCostModel,
  commission,
  fillCost,
  marketImpact,
  participation,
  slippage,
  type CostModel,
} from "../../src/backtest/costs/index.ts";
import { InputError } from "../../src/errors.ts";

describe("slippage", () => {
  it("buys above and sells below the price by the same amount, and reports the cost in currency", () => {
    const buy = slippage("buy", 100, 50, 10);
    const sell = slippage("sell", 100, 50, 10);
    expect(buy.fillPrice).toBeCloseTo(50.05, 12);
    expect(sell.fillPrice).toBeCloseTo(49.95, 12);
    expect(buy.cost).toBeCloseTo(5, 12);
    expect(sell.cost).toBeCloseTo(5, 12);
  });

  it("measures the cost on the share count whatever its sign", () => {
    expect(slippage("sell", -200, 20, 25).cost).toBeCloseTo(10, 12);
  });

  it("is NaN, not 0, when the price or the rate is NaN", () => {
    expect(slippage("buy", 100, Number.NaN, 10).fillPrice).toBeNaN();
    expect(slippage("buy", 100, Number.NaN, 10).cost).toBeNaN();
    expect(slippage("sell", 100, 50, Number.NaN).cost).toBeNaN();
  });
});

describe("commission", () => {
  const rates = { bps: 5, perShare: 0.01, minimum: 1 };

  it("is bps of the traded value at the fill price plus a per-share fee", () => {
    // 1,000 × 40 × 0.0005 = 20, plus 1,000 × 0.01 = 10.
    expect(commission(1_000, 40, rates)).toBeCloseTo(30, 12);
    expect(commission(-1_000, 40, rates)).toBeCloseTo(30, 12);
  });

  it("charges the minimum per order when the fee is smaller", () => {
    // 10 × 40 × 0.0005 = 0.2, plus 0.1 = 0.3 < 1.
    expect(commission(10, 40, rates)).toBeCloseTo(1, 12);
  });

  it("charges the per-share fee alone when bps are 0", () => {
    expect(commission(250, 40, { bps: 0, perShare: 0.005, minimum: 0 })).toBeCloseTo(1.25, 12);
  });

  it("costs 0 for a zero-share order, whatever the minimum", () => {
    expect(commission(0, 40, rates)).toBe(0);
    expect(commission(0, Number.NaN, rates)).toBe(0);
  });

  it("is NaN, not the minimum, when the fill price is NaN", () => {
    expect(commission(10, Number.NaN, rates)).toBeNaN();
  });
});

describe("marketImpact", () => {
  it("is k · σ · √(shares / ADV20)", () => {
    expect(marketImpact(10_000, 0.02, 1_000_000, 0.1)).toBeCloseTo(0.0002, 12);
    // √(40,000 / 1,000,000) = 0.2 → 0.5 × 0.03 × 0.2.
    expect(marketImpact(-40_000, 0.03, 1_000_000, 0.5)).toBeCloseTo(0.003, 12);
  });

  it("is NaN when ADV20 is 0 or NaN, or σ is NaN", () => {
    expect(marketImpact(10_000, 0.02, 0, 0.1)).toBeNaN();
    expect(marketImpact(10_000, 0.02, Number.NaN, 0.1)).toBeNaN();
    expect(marketImpact(10_000, Number.NaN, 1_000_000, 0.1)).toBeNaN();
  });
});

describe("participation", () => {
  it("caps an order at whole shares of the bar's volume and reports the cancelled rest, keeping the sign", () => {
    // 0.1 × 12,345 = 1,234.5 → 1,234 whole shares.
    expect(participation(5_000, 12_345, 0.1)).toEqual({ fillShares: 1_234, cancelledShares: 3_766 });
    expect(participation(-5_000, 12_345, 0.1)).toEqual({ fillShares: -1_234, cancelledShares: -3_766 });
  });

  it("fills an order below the cap whole", () => {
    expect(participation(1_000, 12_345, 0.1)).toEqual({ fillShares: 1_000, cancelledShares: 0 });
  });

  it("allows fractional shares when asked", () => {
    const fill = participation(5_000, 12_345, 0.1, true);
    expect(fill.fillShares).toBeCloseTo(1_234.5, 12);
    expect(fill.cancelledShares).toBeCloseTo(3_765.5, 12);
  });

  it("counts a product a rounding error below a whole number as that number", () => {
    expect(0.29 * 100).toBeLessThan(29);
    expect(participation(100, 100, 0.29)).toEqual({ fillShares: 29, cancelledShares: 71 });
  });

  it("blocks a fill on a zero-volume bar only when a cap is set", () => {
    expect(participation(500, 0, 0.1)).toEqual({ fillShares: 0, cancelledShares: 500 });
    expect(participation(-500, 0, 0.1)).toEqual({ fillShares: 0, cancelledShares: -500 });
    expect(participation(500, 0, undefined)).toEqual({ fillShares: 500, cancelledShares: 0 });
    expect(participation(500, Number.NaN, undefined)).toEqual({ fillShares: 500, cancelledShares: 0 });
  });

  it("is NaN, not 0, when a cap is set and the volume is NaN or negative", () => {
    expect(participation(500, Number.NaN, 0.1).fillShares).toBeNaN();
    expect(participation(500, Number.NaN, 0.1).cancelledShares).toBeNaN();
    expect(participation(500, -10, 0.1).fillShares).toBeNaN();
  });
});

describe("fillCost", () => {
  const model: CostModel = { slippageBps: 10, commissionBps: 5, commissionPerShare: 0.01, commissionMin: 1 };

  it("applies slippage against the trade and commission at the fill price, symmetrically", () => {
    const buy = fillCost({ side: "buy", shares: 1_000, price: 50 }, model);
    expect(buy.fillShares).toBe(1_000);
    expect(buy.cancelledShares).toBe(0);
    expect(buy.fillPrice).toBeCloseTo(50.05, 12);
    expect(buy.slippage).toBeCloseTo(50, 12);
    expect(buy.impact).toBe(0);
    // 1,000 × 50.05 × 0.0005 = 25.025, plus 10.
    expect(buy.commission).toBeCloseTo(35.025, 12);

    const sell = fillCost({ side: "sell", shares: 1_000, price: 50 }, model);
    expect(sell.fillPrice).toBeCloseTo(49.95, 12);
    expect(sell.slippage).toBeCloseTo(50, 12);
    // 1,000 × 49.95 × 0.0005 = 24.975, plus 10.
    expect(sell.commission).toBeCloseTo(34.975, 12);
  });

  it("charges the minimum commission on a small order", () => {
    expect(fillCost({ side: "buy", shares: 5, price: 50 }, model).commission).toBeCloseTo(1, 12);
  });

  it("adds square-root impact to slippage against the trade and reports it in currency", () => {
    const withImpact: CostModel = { ...model, impactK: 0.1 };
    const order = { shares: 10_000, price: 20, sigmaDaily: 0.02, adv20: 1_000_000 };
    const buy = fillCost({ side: "buy", ...order }, withImpact);
    // s = 0.001, impact = 0.0002 → 20 × 1.0012.
    expect(buy.fillPrice).toBeCloseTo(20.024, 12);
    expect(buy.impact).toBeCloseTo(40, 12);
    expect(buy.slippage).toBeCloseTo(200, 12);
    // 10,000 × 20.024 × 0.0005 = 100.12, plus 100.
    expect(buy.commission).toBeCloseTo(200.12, 12);
    const sell = fillCost({ side: "sell", ...order }, withImpact);
    expect(sell.fillPrice).toBeCloseTo(19.976, 12);
    expect(sell.impact).toBeCloseTo(40, 12);
  });

  it("is NaN, not free, when impact is on and σ or ADV20 is missing or ADV20 is 0", () => {
    const withImpact: CostModel = { ...model, impactK: 0.1 };
    const noAdv = fillCost({ side: "buy", shares: 100, price: 20, sigmaDaily: 0.02 }, withImpact);
    expect(noAdv.impact).toBeNaN();
    expect(noAdv.fillPrice).toBeNaN();
    expect(noAdv.commission).toBeNaN();
    const zeroAdv = fillCost({ side: "buy", shares: 100, price: 20, sigmaDaily: 0.02, adv20: 0 }, withImpact);
    expect(zeroAdv.impact).toBeNaN();
    const noSigma = fillCost({ side: "sell", shares: 100, price: 20, adv20: 1_000 }, withImpact);
    expect(noSigma.fillPrice).toBeNaN();
  });

  it("caps the fill first and prices only the filled shares", () => {
    const capped: CostModel = { ...model, maxParticipation: 0.1 };
    const fill = fillCost({ side: "sell", shares: 5_000, price: 50, volume: 12_345 }, capped);
    expect(fill.fillShares).toBe(1_234);
    expect(fill.cancelledShares).toBe(3_766);
    expect(fill.fillPrice).toBeCloseTo(49.95, 12);
    expect(fill.slippage).toBeCloseTo(61.7, 12);
    // 1,234 × 49.95 × 0.0005 = 30.81915, plus 12.34.
    expect(fill.commission).toBeCloseTo(43.15915, 12);
  });

  it("fills nothing and costs nothing on a zero-volume bar with a cap, and fills everything without one", () => {
    const blocked = fillCost({ side: "buy", shares: 500, price: 50, volume: 0 }, { ...model, maxParticipation: 0.1 });
    expect(blocked).toEqual({
      fillShares: 0,
      cancelledShares: 500,
      fillPrice: Number.NaN,
      commission: 0,
      slippage: 0,
      impact: 0,
    });
    const uncapped = fillCost({ side: "buy", shares: 500, price: 50, volume: 0 }, model);
    expect(uncapped.fillShares).toBe(500);
    expect(uncapped.cancelledShares).toBe(0);
    expect(uncapped.fillPrice).toBeCloseTo(50.05, 12);
  });

  it("is NaN when a cap is set and the bar's volume is missing", () => {
    const fill = fillCost({ side: "buy", shares: 500, price: 50 }, { ...model, maxParticipation: 0.1 });
    expect(fill.fillShares).toBeNaN();
    expect(fill.cancelledShares).toBeNaN();
    expect(fill.commission).toBeNaN();
  });

  it("is NaN when the price is NaN", () => {
    const fill = fillCost({ side: "buy", shares: 500, price: Number.NaN }, model);
    expect(fill.fillPrice).toBeNaN();
    expect(fill.slippage).toBeNaN();
    expect(fill.commission).toBeNaN();
  });

  it("refuses negative shares, naming the side as the direction", () => {
    expect(() => fillCost({ side: "sell", shares: -5, price: 50 }, model)).toThrow(
      new InputError("order shares must be ≥ 0 (got -5); the side gives the direction"),
    );
  });
});

describe("checkCostModel", () => {
  const model: CostModel = { slippageBps: 10, commissionBps: 5, commissionPerShare: 0.01, commissionMin: 1 };

  it("returns a valid model unchanged", () => {
    const full = { ...model, impactK: 0.1, maxParticipation: 1 };
    expect(checkCostModel(full)).toBe(full);
  });

  it("refuses a negative or non-finite rate, naming it", () => {
    expect(() => checkCostModel({ ...model, slippageBps: -1 })).toThrow(
      new InputError("cost model slippageBps must be a finite number ≥ 0 (got -1)"),
    );
    expect(() => checkCostModel({ ...model, impactK: Number.NaN })).toThrow(
      new InputError("cost model impactK must be a finite number ≥ 0 (got NaN)"),
    );
  });

  it("refuses a participation cap outside (0, 1]", () => {
    for (const cap of [0, 1.5, Number.NaN]) {
      expect(() => checkCostModel({ ...model, maxParticipation: cap })).toThrow(
        new InputError(`cost model maxParticipation must be in (0, 1] (got ${cap}); leave it out for no cap`),
      );
    }
  });
});

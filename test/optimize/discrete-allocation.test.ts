/**
 * Whole-share allocation, hand-checked against PyPortfolioOpt's
 * `DiscreteAllocation(weights, latest_prices, total_portfolio_value).greedy_portfolio()`.
 */
import { describe, expect, it } from "vitest";
import { greedyAllocation } from "../../src/optimize/index.ts";

describe("greedyAllocation", () => {
  it("long-only: floor shares first, then one share at a time to the largest shortfall", () => {
    // Round 1 with $1000: A ⌊500/100⌋ = 5 ($500), B ⌊300/33⌋ = 9 ($297), C ⌊200/7⌋ = 28 ($196); $7 left.
    // Round 2: held weights 500/993, 297/993, 196/993 → shortfalls −0.0035, 0.0009, 0.0026: buy C at $7; $0 left.
    const result = greedyAllocation({ A: 0.5, B: 0.3, C: 0.2 }, { A: 100, B: 33, C: 7 }, { totalValue: 1000 });
    expect(result).toEqual({ shares: { A: 5, B: 9, C: 29 }, leftover: 0 });
  });

  it("skips assets it cannot afford and stops when no affordable asset is under-weight", () => {
    // Round 1: A ⌊600/100⌋ = 6 ($600), B ⌊400/450⌋ = 0; $400 left. Round 2: B falls 0.4 short but
    // costs $450 > $400, and A is over-weight (held 1 vs 0.6): nothing is bought, $400 stays.
    const result = greedyAllocation({ A: 0.6, B: 0.4 }, { A: 100, B: 450 }, { totalValue: 1000 });
    expect(result).toEqual({ shares: { A: 6 }, leftover: 400 });
  });

  it("with shorts: long and short legs allocated separately (short ratio = total short weight)", () => {
    // Longs {A: 0.5, B: 0.5} on $1000: A 5 ($500), B 16 ($480); $20 left, B at $30 unaffordable.
    // Shorts {C: 1} on $1000 × 0.2 = $200: C 4 ($180); $20 left.
    const result = greedyAllocation({ A: 0.6, B: 0.6, C: -0.2 }, { A: 100, B: 30, C: 45 }, { totalValue: 1000 });
    expect(result).toEqual({ shares: { A: 5, B: 16, C: -4 }, leftover: 40 });
  });

  it("rejects a missing price", () => {
    expect(() => greedyAllocation({ A: 1 }, {})).toThrow(expect.objectContaining({ code: "invalid-input", message: "latest price of A is undefined; it must be a positive number" }));
  });
});

/**
 * Walk-forward summaries (src/walk-forward/summary.ts) against values worked by hand: IS median,
 * overfitting ratio, walk-forward efficiency, parameter stability, the stitched OOS curve and the
 * t-statistic of its mean return.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import {
  medianObjective, overfittingRatio, parameterStability, sharpeTStat, stitchEquity, walkForwardEfficiency,
} from "../../src/walk-forward/summary.ts";

describe("medianObjective", () => {
  it("takes the middle value of an odd count", () => {
    expect(medianObjective([3, 1, 2])).toBe(2);
  });

  it("takes the mean of the two middle values of an even count", () => {
    // sorted 1, 2, 3, 4 → (2 + 3) / 2
    expect(medianObjective([4, 1, 3, 2])).toBe(2.5);
  });

  it("drops NaN and infinite values before taking the median", () => {
    // finite values 1, 5 → (1 + 5) / 2
    expect(medianObjective([NaN, Infinity, 5, -Infinity, 1])).toBe(3);
  });

  it("is NaN with no finite value", () => {
    expect(medianObjective([])).toBeNaN();
    expect(medianObjective([NaN, Infinity])).toBeNaN();
  });
});

describe("overfittingRatio", () => {
  it("divides the OOS Sharpe by the IS Sharpe", () => {
    expect(overfittingRatio(2, 1)).toBe(0.5);
    expect(overfittingRatio(-0.5, 1)).toBe(-2);
  });

  it("is NaN for an IS Sharpe of 0 or a missing Sharpe", () => {
    expect(overfittingRatio(0, 1)).toBeNaN();
    expect(overfittingRatio(NaN, 1)).toBeNaN();
    expect(overfittingRatio(1, NaN)).toBeNaN();
  });
});

describe("walkForwardEfficiency", () => {
  it("divides the mean OOS annual return by the mean IS annual return", () => {
    // IS mean (0.25 + 0.75) / 2 = 0.5, OOS mean (0.125 + 0.375) / 2 = 0.25 → 0.25 / 0.5
    expect(walkForwardEfficiency([0.25, 0.75], [0.125, 0.375])).toBe(0.5);
  });

  it("skips a missing fold return in either mean", () => {
    // IS mean 0.5 (NaN skipped), OOS mean (0.125 + 0.375) / 2 = 0.25
    expect(walkForwardEfficiency([0.5, NaN], [0.125, 0.375])).toBe(0.5);
  });

  it("is NaN when the IS mean is 0 or there is no IS return", () => {
    expect(walkForwardEfficiency([0.25, -0.25], [0.1, 0.2])).toBeNaN();
    expect(walkForwardEfficiency([], [])).toBeNaN();
  });

  it("refuses IS and OOS series of different lengths", () => {
    expect(() => walkForwardEfficiency([0.1, 0.2], [0.1])).toThrow(
      new InputError("walk-forward efficiency needs one IS and one OOS annual return per fold, got 2 IS and 1 OOS"),
    );
  });
});

describe("parameterStability", () => {
  it("counts the changes of choice and the coefficient of variation of numeric parameters", () => {
    const stability = parameterStability([
      { fast: 10, slow: 50, side: "long" },
      { fast: 10, slow: 50, side: "long" },
      { fast: 20, slow: 50, side: "long" }, // change 1
      { fast: 20, slow: 60, side: "long" }, // change 2
    ]);
    expect(stability.changes).toBe(2);
    expect(stability.changeRate).toBeCloseTo(2 / 3, 15); // 2 changes over 4 − 1 transitions
    expect(Object.keys(stability.coefficientOfVariation)).toEqual(["fast", "slow"]); // "side" is not numeric
    // fast 10, 10, 20, 20: mean 15, Σ(dev²) = 4 · 25 = 100, std = √(100 / 3) → √(100 / 3) / 15
    expect(stability.coefficientOfVariation.fast).toBeCloseTo(Math.sqrt(100 / 3) / 15, 14);
    // slow 50, 50, 50, 60: mean 52.5, Σ(dev²) = 3 · 6.25 + 56.25 = 75, std = √25 = 5 → 5 / 52.5 = 2 / 21
    expect(stability.coefficientOfVariation.slow).toBeCloseTo(2 / 21, 14);
  });

  it("counts a parameter added or dropped as a change, and skips a parameter missing from a fold", () => {
    const stability = parameterStability([{ a: 1 }, { a: 1, b: 2 }, { a: 1 }]);
    expect(stability.changes).toBe(2);
    expect(stability.changeRate).toBe(1);
    expect(stability.coefficientOfVariation).toEqual({ a: 0 }); // a: 1, 1, 1 → std 0 ÷ 1
  });

  it("gives NaN for one fold and for a zero mean", () => {
    const one = parameterStability([{ fast: 10 }]);
    expect(one.changes).toBe(0);
    expect(one.changeRate).toBeNaN();
    expect(one.coefficientOfVariation.fast).toBeNaN();
    expect(parameterStability([{ x: -1 }, { x: 1 }]).coefficientOfVariation.x).toBeNaN(); // mean 0
  });

  it("has nothing to report for no folds", () => {
    const none = parameterStability([]);
    expect(none.changes).toBe(0);
    expect(none.changeRate).toBeNaN();
    expect(none.coefficientOfVariation).toEqual({});
  });
});

describe("stitchEquity", () => {
  it("chains each fold's returns onto the running value from the first fold's start", () => {
    // A from 100: 110 (+10%), 99 (−10%); B from 50: 55 (+10%) applied to 99 → 108.9
    const stitched = stitchEquity([
      { dates: ["2024-01-02", "2024-01-03"], values: Float64Array.of(110, 99), startingValue: 100 },
      { dates: ["2024-01-04"], values: Float64Array.of(55), startingValue: 50 },
    ]);
    expect(stitched.startingValue).toBe(100);
    expect(stitched.dates).toEqual(["2024-01-02", "2024-01-03", "2024-01-04"]);
    expect(Array.from(stitched.values)).toHaveLength(3);
    [110, 99, 108.9].forEach((value, i) => expect(stitched.values[i]).toBeCloseTo(value, 10));
    [0.1, -0.1, 0.1].forEach((r, i) => expect(stitched.returns[i]).toBeCloseTo(r, 14));
  });

  it("measures a fold's first day against its own starting value, not the previous fold's last value", () => {
    // B from 50: 50 (0%), 55 (+10%) → 99, 108.9 after A ends at 99
    const stitched = stitchEquity([
      { dates: ["2024-01-02", "2024-01-03"], values: Float64Array.of(110, 99), startingValue: 100 },
      { dates: ["2024-01-04", "2024-01-05"], values: Float64Array.of(50, 55), startingValue: 50 },
    ]);
    [110, 99, 99, 108.9].forEach((value, i) => expect(stitched.values[i]).toBeCloseTo(value, 10));
    expect(stitched.returns[2]).toBe(0);
  });

  it("refuses folds whose dates overlap or go back", () => {
    expect(() =>
      stitchEquity([
        { dates: ["2024-01-02", "2024-01-03"], values: Float64Array.of(110, 99), startingValue: 100 },
        { dates: ["2024-01-03"], values: Float64Array.of(55), startingValue: 50 },
      ]),
    ).toThrow(new RangeError("fold 2 date 2024-01-03 does not follow 2024-01-03: test windows must be in date order and must not overlap"));
  });

  it("refuses a fold with a value count other than its date count, or a non-positive start", () => {
    expect(() => stitchEquity([{ dates: ["2024-01-02"], values: Float64Array.of(1, 2), startingValue: 1 }])).toThrow(
      new InputError("fold 1 has 2 equity values for 1 dates: give one value per date"),
    );
    expect(() => stitchEquity([{ dates: ["2024-01-02"], values: Float64Array.of(1), startingValue: 0 }])).toThrow(
      new InputError("fold 1 starts from equity 0: it must be positive"),
    );
  });
});

describe("sharpeTStat", () => {
  it("is the mean return over its standard error", () => {
    // mean 0.04 / 4 = 0.01; deviations 0, 0.01, 0.02, −0.03 → Σ(dev²) = 14e-4, std = 0.01 · √(14 / 3)
    // t = 0.01 / (std / √4) = 2 / √(14 / 3) = 0.92582…
    expect(sharpeTStat([0.01, 0.02, 0.03, -0.02])).toBeCloseTo(2 / Math.sqrt(14 / 3), 12);
    expect(sharpeTStat([0.01, 0.02, 0.03, -0.02])).toBeCloseTo(0.9258201, 7);
  });

  it("counts only observations, NaN skipped", () => {
    expect(sharpeTStat([0.01, NaN, 0.02, 0.03, -0.02])).toBeCloseTo(2 / Math.sqrt(14 / 3), 12);
  });

  it("is NaN under two observations", () => {
    expect(sharpeTStat([0.01])).toBeNaN();
    expect(sharpeTStat([0.01, NaN])).toBeNaN();
  });
});

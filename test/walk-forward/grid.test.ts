/**
 * The walk-forward search space (src/walk-forward/grid.ts): `--grid` parsing and its refusals, the
 * combinations in grid order for sma-cross, fixed parameters, and seeded random draws.
 */
import { describe, expect, it } from "vitest";
import { strategyKind } from "../../src/backtest/strategies/index.ts";
import { InputError } from "../../src/errors.ts";
import { gridCombinations, parseGrid, randomDraws } from "../../src/walk-forward/grid.ts";

const smaCross = strategyKind("sma-cross");

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).message;
  }
  throw new Error("expected an InputError");
}

describe("parseGrid", () => {
  it("reads several keys in the order given, values trimmed and in order", () => {
    const grid = parseGrid(["period=10, 15 ,20,30", " percent = 50,10"]);
    expect(grid).toEqual({ period: ["10", "15", "20", "30"], percent: ["50", "10"] });
    expect(Object.keys(grid)).toEqual(["period", "percent"]);
  });

  it("reads no texts as the empty grid", () => {
    expect(parseGrid([])).toEqual({});
  });

  it("refuses a text without =, an empty key, an empty list or an empty value, in one line", () => {
    expect(refusal(() => parseGrid(["period"]))).toBe('--grid expects key=v1,v2,…, got "period"');
    expect(refusal(() => parseGrid(["=10,20"]))).toBe('--grid expects key=v1,v2,…, got "=10,20"');
    expect(refusal(() => parseGrid(["period="]))).toBe('--grid expects key=v1,v2,…, got "period="');
    expect(refusal(() => parseGrid(["period=10,,20"]))).toBe('--grid expects key=v1,v2,…, got "period=10,,20"');
    expect(refusal(() => parseGrid(["period=10,"]))).toBe('--grid expects key=v1,v2,…, got "period=10,"');
  });

  it("refuses a key given twice and a value listed twice", () => {
    expect(refusal(() => parseGrid(["period=10", "percent=5", "period=20"]))).toBe("--grid period is given twice (give all its values in one --grid)");
    expect(refusal(() => parseGrid(["period=10,20, 10"]))).toBe("--grid period lists 10 twice");
  });
});

describe("gridCombinations", () => {
  it("is the cartesian product in grid order: first key slowest, values in the order given", () => {
    const combos = gridCombinations(smaCross, parseGrid(["period=10,20", "percent=10,50"]));
    expect(combos).toEqual([
      { period: 10, percent: 10 },
      { period: 10, percent: 50 },
      { period: 20, percent: 10 },
      { period: 20, percent: 50 },
    ]);
    // The other key order gives the other order.
    expect(gridCombinations(smaCross, parseGrid(["percent=50,10", "period=20,10"]))).toEqual([
      { period: 20, percent: 50 },
      { period: 10, percent: 50 },
      { period: 20, percent: 10 },
      { period: 10, percent: 10 },
    ]);
  });

  it("merges the fixed parameters into every combination and fills defaults", () => {
    expect(gridCombinations(smaCross, { period: ["5", "8"] }, { size: 100 })).toEqual([
      { period: 5, size: 100 },
      { period: 8, size: 100 },
    ]);
    expect(gridCombinations(smaCross, { percent: ["25"] })).toEqual([{ period: 30, percent: 25 }]);
  });

  it("makes an empty grid one trial of the fixed parameters", () => {
    expect(gridCombinations(smaCross, {}, { period: "12" })).toEqual([{ period: 12 }]);
    expect(gridCombinations(smaCross, {})).toEqual([{ period: 30 }]);
  });

  it("refuses a key both fixed and searched, an unknown parameter, a bad value and a bad combination", () => {
    expect(refusal(() => gridCombinations(smaCross, { period: ["10", "20"] }, { period: 5 }))).toBe(
      "sma-cross: parameter period is both fixed (--param) and searched (--grid); give it once",
    );
    expect(refusal(() => gridCombinations(smaCross, { window: ["10"] }))).toBe(
      'sma-cross has no parameter "window" (its parameters: period, size, percent)',
    );
    expect(refusal(() => gridCombinations(smaCross, { period: ["10", "0"] }))).toBe('sma-cross: parameter period must be ≥ 1, got "0"');
    expect(refusal(() => gridCombinations(smaCross, { period: ["10", "2.5"] }))).toBe(
      'sma-cross: parameter period must be a whole number, got "2.5"',
    );
    expect(refusal(() => gridCombinations(smaCross, { percent: ["10"] }, { size: 5 }))).toBe("sma-cross: give size or percent, not both");
  });
});

describe("randomDraws", () => {
  const twenty = Array.from({ length: 20 }, (_, i) => i);

  it("draws distinct combinations with mulberry32(seed), returned in grid order", () => {
    // Seed 1's uniforms 0.6271, 0.0027, 0.5274, 0.9811, 0.9684 swap index 0↔12, 1↔1, 2↔11, 3↔19,
    // 4↔19 (then holding 3): the drawn set {12, 1, 11, 19, 3}, sorted.
    expect(randomDraws(twenty, 5, 1)).toEqual([1, 3, 11, 12, 19]);
    expect(randomDraws(twenty, 5, 2)).toEqual([1, 7, 12, 14, 18]);
    expect(randomDraws(twenty, 5, 1)).toEqual([1, 3, 11, 12, 19]);
  });

  it("keeps grid order on parameter sets and draws each at most once", () => {
    const combos = gridCombinations(smaCross, parseGrid(["period=5,10,15,20,25", "percent=10,20,30,40"]));
    const drawn = randomDraws(combos, 7, 42);
    expect(drawn).toHaveLength(7);
    const indexes = drawn.map((params) => combos.indexOf(params));
    expect(indexes.every((index, k) => index >= 0 && (k === 0 || index > indexes[k - 1]!))).toBe(true);
  });

  it("returns the whole grid when the count reaches its size", () => {
    expect(randomDraws(twenty, 20, 7)).toEqual(twenty);
    expect(randomDraws(twenty, 500, 7)).toEqual(twenty);
  });

  it("refuses a count below 1 or not whole, and a seed not whole", () => {
    expect(refusal(() => randomDraws(twenty, 0, 1))).toBe("--random expects a whole number ≥ 1, got 0");
    expect(refusal(() => randomDraws(twenty, 2.5, 1))).toBe("--random expects a whole number ≥ 1, got 2.5");
    expect(refusal(() => randomDraws(twenty, Number.NaN, 1))).toBe("--random expects a whole number ≥ 1, got NaN");
    expect(refusal(() => randomDraws(twenty, 3, 1.5))).toBe("--seed expects a whole number, got 1.5");
  });
});

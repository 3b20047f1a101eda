import { expect, it } from "vitest";
import { weightsStrategy } from "../../../src/backtest/strategies/weights.ts";
import { planRows, rowRange, testMarket } from "./market.ts";

const market = testMarket([[1, 1], [1, 1], [1, 1], [1, 1], [1, 1]], 0); // 2024-01-01 … 2024-01-05

it("holds the latest weights dated on or before each decision date, 0 for unnamed instruments", () => {
  const weights = { dates: ["2024-01-02", "2024-01-04"], tickers: ["B", "A"], values: Float64Array.from([0.25, 0.75, NaN, -0.5]) };
  const strategy = weightsStrategy(weights);
  const plan = strategy.targets({ market, decisionRows: Int32Array.from([0, 1, 2, 4]) }, {});
  expect(plan.kind).toBe("weight");
  expect(planRows(plan.values, 2)).toEqual([[NaN, NaN], [0.75, 0.25], [0.75, 0.25], [NaN, NaN], [-0.5, 0]]);
  expect(strategy.allowShort({})).toBe(true);
});

it("never reads a weights row dated after the decision", () => {
  const early = { dates: ["2024-01-01"], tickers: ["A", "B"], values: Float64Array.from([1, 0]) };
  const later = { dates: ["2024-01-01", "2024-01-03"], tickers: ["A", "B"], values: Float64Array.from([1, 0, 0, 1]) };
  const rows = rowRange(0, 2);
  expect(weightsStrategy(later).targets({ market, decisionRows: rows }, {}).values).toEqual(weightsStrategy(early).targets({ market, decisionRows: rows }, {}).values);
});

it("refuses weights for instruments outside the universe", () => {
  const weights = { dates: ["2024-01-01"], tickers: ["A", "ZZZ"], values: Float64Array.from([0.5, 0.5]) };
  expect(() => weightsStrategy(weights).targets({ market, decisionRows: rowRange(0, 1) }, {})).toThrow(
    "weights name ZZZ, not in the universe (A, B, …); label columns as the universe does",
  );
});

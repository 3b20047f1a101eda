/**
 * Point-in-time, every kind: changing every bar after row t (closes rescaled, bars removed and
 * added, factor scores redrawn) leaves the targets of rows ≤ t, and the notes dated ≤ t, unchanged.
 * Decisions are daily so every row is tested.
 */
import { describe, expect, it } from "vitest";
import { resolveParameters, strategyKind } from "../../../src/backtest/strategies/index.ts";
import type { Market } from "../../../src/backtest/types.ts";
import type { Panel } from "../../../src/panel/index.ts";
import { mulberry32 } from "../../../src/synthetic/index.ts";
import { rowRange, testMarket } from "./market.ts";

const ROWS = 60;
const WIDTH = 6;
const START = 12;

/** A random walk per instrument, 5 % of bars missing; scores uniform in [−2, 2), 10 % missing. */
function randomInputs(seed: number): { closes: (number | null)[][]; scores: number[][] } {
  const uniform = mulberry32(seed);
  const price = Array.from({ length: WIDTH }, () => 50 + 50 * uniform());
  const closes = Array.from({ length: ROWS }, () =>
    price.map((p, i) => {
      price[i] = p * (1 + 0.04 * (uniform() - 0.5));
      return uniform() < 0.05 ? null : price[i];
    }),
  );
  const scores = Array.from({ length: ROWS }, () => price.map(() => (uniform() < 0.1 ? NaN : 4 * uniform() - 2)));
  return { closes, scores };
}

/** The inputs with every row after t redrawn: rescaled closes, some bars removed, missing ones filled. */
function changedAfter(t: number, inputs: ReturnType<typeof randomInputs>, seed: number): ReturnType<typeof randomInputs> {
  const uniform = mulberry32(seed);
  const closes = inputs.closes.map((row, d) => (d <= t ? row : row.map((c) => (uniform() < 0.15 ? null : (c ?? 70) * (0.5 + uniform())))));
  const scores = inputs.scores.map((row, d) => (d <= t ? row : row.map(() => 4 * uniform() - 2)));
  return { closes, scores };
}

function run(name: string, given: Record<string, string | number>, inputs: ReturnType<typeof randomInputs>) {
  const market: Market = testMarket(inputs.closes, START);
  const scores: Panel = { dates: market.dates, tickers: market.labels, values: Float64Array.from(inputs.scores.flat()) };
  const kind = strategyKind(name);
  return { market, plan: kind.targets({ market, decisionRows: rowRange(START, ROWS), scores }, resolveParameters(kind, given)) };
}

const CASES: [string, Record<string, string | number>][] = [
  ["buy-and-hold", {}],
  ["equal-weight", {}],
  ["factor-top", { factor: "m", n: 2 }],
  ["factor-top", { factor: "m", quantile: 0.3, weighting: "score", "long-short": "true" }],
  ["optimizer", { lookback: 8 }],
  ["optimizer", { method: "max-sharpe", lookback: 10, bounds: "0,0.5" }],
  ["sma-cross", { period: 5 }],
];

describe("no look-ahead", () => {
  for (const [name, given] of CASES) {
    it(`${name} ${JSON.stringify(given)}: rows ≤ t do not depend on rows after t`, () => {
      const inputs = randomInputs(7);
      const before = run(name, given, inputs);
      let decided = 0;
      for (const t of [START, 20, 33, 47]) {
        const after = run(name, given, changedAfter(t, inputs, 100 + t));
        const cells = (t + 1) * WIDTH;
        expect(Array.from(after.plan.values.subarray(0, cells))).toEqual(Array.from(before.plan.values.subarray(0, cells)));
        const dated = (notes: readonly string[] | undefined) => (notes ?? []).filter((note) => note.slice(0, 10) <= before.market.dates[t]);
        expect(dated(after.plan.notes)).toEqual(dated(before.plan.notes));
        decided += before.plan.values.subarray(0, cells).filter((v) => v === v).length;
      }
      expect(decided).toBeGreaterThan(0); // the compared rows hold targets, not only NaN
    });
  }
});

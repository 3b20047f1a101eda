/**
 * optimizer: the full-window rule (a close on every row of d − lookback … d), the weights of
 * src/optimize on that window (inverse volatility against its closed form, min volatility against a
 * direct call), and the rows it cannot fill: the previous targets stand and a note says why.
 */
import { describe, expect, it } from "vitest";
import { resolveParameters } from "../../../src/backtest/strategies/index.ts";
import { optimizer } from "../../../src/backtest/strategies/optimizer.ts";
import { optimizePortfolio } from "../../../src/optimize/index.ts";
import { planRows, testMarket } from "./market.ts";

const N = NaN;
const a = 0.01;
// Daily returns of rows 1–7: A ±1 % alternating, B ±2 % alternating, C the mirror of A, D ±1 % in
// pairs. Over any 4 returns each has mean 0 and σ ∝ its amplitude: B's volatility is twice the others'.
const signs = {
  A: [1, -1, 1, -1, 1, -1, 1],
  B: [2, -2, 2, -2, 2, -2, 2],
  C: [-1, 1, -1, 1, -1, 1, -1],
  D: [1, 1, -1, -1, 1, 1, -1],
};
const closes: (number | null)[][] = [[100, 100, 100, 100]];
for (let t = 0; t < 7; t++) closes.push(Object.values(signs).map((s, i) => (closes[t][i] as number) * (1 + s[t] * a)));
closes[2][2] = null; // C: no close on row 2
closes[6][3] = null; // D: no close on row 6
const market = testMarket(closes, 4);

describe("optimizer", () => {
  it("optimises each window of instruments with a close on all its rows; the others get 0", () => {
    const params = resolveParameters(optimizer, { method: "inverse-volatility", lookback: 4 });
    const plan = optimizer.targets({ market, decisionRows: Int32Array.of(4, 5, 6, 7) }, params);
    expect(plan.kind).toBe("weight");
    expect(plan.notes).toEqual([]);
    const rows = planRows(plan.values, 4);
    expect(rows.slice(0, 4).flat().every(Number.isNaN)).toBe(true);
    const expected = [
      [0.4, 0.2, 0, 0.4], // rows 0–4: C's gap on row 2 excludes it
      [0.4, 0.2, 0, 0.4], // rows 1–5
      [2 / 3, 1 / 3, 0, 0], // rows 2–6: C's gap, D has no bar on 6
      [0.4, 0.2, 0.4, 0], // rows 3–7: C back, D's gap on 6
    ];
    expected.forEach((weights, r) => weights.forEach((w, i) => expect(rows[4 + r][i]).toBeCloseTo(w, 10)));
  });

  it("holds what src/optimize gives the window of adjusted closes", () => {
    const params = resolveParameters(optimizer, { lookback: 4, cov: "ledoit-wolf", returns: "mean", bounds: "0,0.6" });
    const raw = market.close.map((c, cell) => (cell >= 5 * 4 ? c / 4 : c)); // a 4-for-1 split on row 5, adjusted away
    const plan = optimizer.targets({ market: { ...market, close: raw, open: raw }, decisionRows: Int32Array.of(7) }, params);
    const window = { dates: market.dates.slice(3, 8), tickers: ["A", "B", "C"], values: Float64Array.from(closes.slice(3, 8).flatMap((row) => row.slice(0, 3) as number[])) };
    const direct = optimizePortfolio(window, { method: "min-volatility", risk: "ledoit-wolf", returns: "mean", constraints: { bounds: [0, 0.6] } });
    expect(planRows(plan.values, 4)[7]).toEqual([...direct.weights, 0]);
    expect(plan.notes).toEqual(direct.warnings.map((w) => `2024-01-10: ${w}`));
  });

  it("keeps the previous targets, with a note, where a window is short or the optimisation fails", () => {
    const params = resolveParameters(optimizer, { lookback: 4, bounds: "0,0.4" });
    const plan = optimizer.targets({ market, decisionRows: Int32Array.of(3, 6, 7) }, params);
    const rows = planRows(plan.values, 4);
    expect(rows[3]).toEqual([N, N, N, N]);
    expect(rows[6]).toEqual([N, N, N, N]);
    expect(rows[7].reduce((s, w) => s + w, 0)).toBeCloseTo(1, 8);
    expect(plan.notes).toEqual([
      "2024-01-04: no instrument has a close on each of the 5 days of the window; the previous targets stand",
      "2024-01-09: bounds allow total weight between 0 and 0.8, which excludes the budget 1; widen the bounds; the previous targets stand",
    ]);
  });

  it("reads lookback days of history and shorts only with a negative lower bound", () => {
    expect(optimizer.lookback(resolveParameters(optimizer, {}))).toBe(252);
    expect(optimizer.lookback(resolveParameters(optimizer, { lookback: "60" }))).toBe(60);
    expect(optimizer.allowShort(resolveParameters(optimizer, {}))).toBe(false);
    expect(optimizer.allowShort(resolveParameters(optimizer, { bounds: "-0.5,1" }))).toBe(true);
  });
});

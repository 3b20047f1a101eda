import { describe, expect, it } from "vitest";
import { volatility252 } from "../../src/factors/volatility-252.ts";
import { column, panelFromColumns } from "./panels.ts";

/** Closes whose simple returns alternate +r, −r, +r, … */
function alternating(r: number, count: number): number[] {
  const closes = [100];
  for (let j = 1; j < count; j++) closes.push(closes[j - 1] * (1 + (j % 2 === 1 ? r : -r)));
  return closes;
}

describe("volatility_252", () => {
  it("equals r·252/√251 for alternating ±r returns (mean 0, sample variance 252r²/251, × √252)", () => {
    const r = 0.01;
    const values = column(volatility252.compute({ closes: panelFromColumns({ A: alternating(r, 260) }) }), 0);
    const expected = (r * 252) / Math.sqrt(251);
    expect(values[252]).toBeCloseTo(expected, 13);
    expect(values[259]).toBeCloseTo(expected, 13);
  });

  it("needs 253 closes (252 returns): NaN before, never 0", () => {
    const values = column(volatility252.compute({ closes: panelFromColumns({ A: alternating(0.02, 253) }) }), 0);
    expect(values.slice(0, 252).every(Number.isNaN)).toBe(true);
    expect(values[252]).toBeCloseTo((0.02 * 252) / Math.sqrt(251), 13);
  });

  it("is exactly 0 for a constant price (a real value: no movement)", () => {
    const values = column(volatility252.compute({ closes: panelFromColumns({ A: new Array(253).fill(50) }) }), 0);
    expect(values[252]).toBe(0);
  });

  it("treats non-positive closes as holes and bridges them with one return", () => {
    // Own bars alternate ±1%; a zero close at row 100 is skipped, so the series is unchanged.
    const bars = alternating(0.01, 254);
    const withHole = [...bars.slice(0, 100), 0, ...bars.slice(100)];
    const values = column(volatility252.compute({ closes: panelFromColumns({ A: withHole }) }), 0);
    expect(values[100]).toBeNaN();
    expect(values[252]).toBeNaN(); // own bar 251
    expect(values[253]).toBeCloseTo((0.01 * 252) / Math.sqrt(251), 13);
  });
});

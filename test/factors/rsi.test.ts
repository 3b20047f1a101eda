import { describe, expect, it } from "vitest";
import { rsi14 } from "../../src/factors/rsi-14.ts";
import { mulberry32 } from "../../src/synthetic/random.ts";
import { column, panelFromColumns } from "./panels.ts";

/** Closes from 100 following the given changes. */
function fromChanges(changes: readonly number[]): number[] {
  const closes = [100];
  for (const x of changes) closes.push(closes.at(-1)! + x);
  return closes;
}

describe("rsi_14 (Wilder)", () => {
  // First 14 changes: seven +1 then seven −1 → avgGain = avgLoss = 0.5 → RSI 50.
  // Change +2: avgGain = (0.5·13 + 2)/14 = 8.5/14, avgLoss = 6.5/14 → RS = 17/13 → RSI = 100·17/30 = 170/3.
  // Change −1: avgGain = 8.5·13/196 = 110.5/196, avgLoss = (6.5·13 + 14)/196 = 98.5/196
  //   → RS = 221/197 → RSI = 100·221/418 = 11050/209.
  const closes = fromChanges([1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1, 2, -1]);
  const values = column(rsi14.compute({ closes: panelFromColumns({ A: closes }) }), 0);

  it("matches the hand-worked Wilder example", () => {
    expect(values[14]).toBe(50);
    expect(values[15]).toBeCloseTo(170 / 3, 12);
    expect(values[16]).toBeCloseTo(11050 / 209, 12);
  });

  it("needs 14 changes (15 closes): NaN before", () => {
    expect(values.slice(0, 14).every(Number.isNaN)).toBe(true);
  });

  it("is exactly 100 when every change is a gain and NaN when nothing moves", () => {
    const up = column(rsi14.compute({ closes: panelFromColumns({ A: fromChanges(new Array(20).fill(0.3)) }) }), 0);
    expect(up[14]).toBe(100);
    expect(up[20]).toBe(100);
    const flat = column(rsi14.compute({ closes: panelFromColumns({ A: new Array(20).fill(7) }) }), 0);
    expect(flat[19]).toBeNaN();
  });

  it("depends only on the last 251 closes, so a backfill and a daily run agree", () => {
    const uniform = mulberry32(7);
    const long = fromChanges(Array.from({ length: 400 }, () => uniform() - 0.5));
    const full = column(rsi14.compute({ closes: panelFromColumns({ A: long }) }), 0);
    const tail = column(rsi14.compute({ closes: panelFromColumns({ A: long.slice(-251) }) }), 0);
    expect(full[400]).toBe(tail[250]);
    expect(full[400]).toBeGreaterThan(0);
    expect(full[400]).toBeLessThan(100);
  });
});

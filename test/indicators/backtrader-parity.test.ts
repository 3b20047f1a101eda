/**
 * Parity with backtrader itself: test/fixtures/indicators/backtrader-reference.json holds bars and the
 * values backtrader 1.9.78.123 computed on them (written by backtrader-reference.py beside it). Every
 * indicator, through its spec, must have backtrader's minperiod and, from there on, backtrader's values
 * to the last bit — except the Bollinger top and bottom, whose standard deviation is computed in two
 * passes here (bollinger.ts), within 1e-13 relative. The `flat` series checks the safe divisions
 * (RSI_Safe, Stochastic with safediv) on flat and one-way stretches.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lineKeys, parseIndicators } from "../../src/indicators/index.ts";
import { values } from "./series.ts";

interface Reference {
  bars: [date: string, open: number, high: number, low: number, close: number][];
  indicators: Record<string, { minperiod: number; lines: (number | null)[][] }>;
}

const fixture = JSON.parse(readFileSync(new URL("../fixtures/indicators/backtrader-reference.json", import.meta.url), "utf8")) as Record<"wiggle" | "flat", Reference> & { backtrader: string };
const TWO_PASS_STD = new Set(["bbands(20,2).top", "bbands(20,2).bot"]);

it("the reference was made by backtrader 1.9.78.123", () => {
  expect(fixture.backtrader).toBe("1.9.78.123");
});

describe.each(["wiggle", "flat"] as const)("backtrader's values on the %s series", (name) => {
  const reference = fixture[name];
  const bars = {
    high: Float64Array.from(reference.bars, (b) => b[2]),
    low: Float64Array.from(reference.bars, (b) => b[3]),
    close: Float64Array.from(reference.bars, (b) => b[4]),
  };

  it.each(Object.keys(reference.indicators))("%s", (key) => {
    const [spec] = parseIndicators(key);
    expect(spec.key).toBe(key);
    const expected = reference.indicators[key];
    const first = expected.minperiod - 1;
    expect(spec.definition.minPeriod(spec.args)).toBe(expected.minperiod);
    const lines = spec.definition.compute(bars, spec.args);
    lineKeys(spec).forEach((lineKey, k) => {
      const line = values(lines[k]);
      expect(line.slice(0, first).every(Number.isNaN), `${lineKey} before minperiod`).toBe(true);
      const theirs = expected.lines[k].slice(first);
      expect(theirs.every((v) => v !== null)).toBe(true);
      if (TWO_PASS_STD.has(lineKey)) {
        line.slice(first).forEach((v, i) => expect(Math.abs(v - theirs[i]!) / Math.abs(theirs[i]!), `${lineKey} on bar ${first + i}`).toBeLessThan(1e-13));
      } else {
        expect(line.slice(first), lineKey).toEqual(theirs);
      }
    });
  });
});

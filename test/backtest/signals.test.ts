/**
 * Signals to target plans (src/backtest/signals.ts): the flat/long state machine per instrument,
 * conflicting signals, decision rows, both sizes, Panel input, and bad input.
 */
import { describe, expect, it } from "vitest";
import { fromSignals } from "../../src/backtest/signals.ts";
import { InputError } from "../../src/errors.ts";
import { planRows } from "./strategies/market.ts";

const N = NaN;

// Two instruments over 8 rows; column 0 exercises every rule, column 1 a plain round trip.
const entries = Uint8Array.from([
  0, 1, // 0: B enters
  1, 0, // 1: A enters
  0, 1, // 2: B entry while long: nothing
  1, 1, // 3: A entry while long: nothing; B entry and exit at once: nothing
  0, 0, // 4
  0, 0, // 5
  1, 0, // 6: A entry and exit at once while flat: nothing
  1, 0, // 7: A enters
]);
const exits = Uint8Array.from([
  0, 0,
  0, 0,
  0, 0,
  0, 1, // 3: (B, see entries)
  1, 1, // 4: A and B exit
  1, 0, // 5: A exit while flat: nothing
  1, 0, // 6: (A, see entries)
  0, 0,
]);

describe("fromSignals", () => {
  it("enters when flat, exits when long, ignores the rest, and leaves every other cell NaN", () => {
    const plan = fromSignals(entries, exits, { percent: 25 }, 2);
    expect(plan.kind).toBe("weight");
    expect(planRows(plan.values, 2)).toEqual([
      [N, 0.25],
      [0.25, N],
      [N, N],
      [N, N],
      [0, 0],
      [N, N],
      [N, N],
      [0.25, N],
    ]);
  });

  it("sizes in shares", () => {
    const plan = fromSignals(entries, exits, { shares: 100 }, 2);
    expect(plan.kind).toBe("shares");
    expect(planRows(plan.values, 2)[1]).toEqual([100, N]);
    expect(planRows(plan.values, 2)[4]).toEqual([0, 0]);
  });

  it("trades on decision rows only, ignoring signals before the first one; between them the latest signal wins", () => {
    // Row 0's entry of B comes before the first decision row 1 and is ignored; B's entry on row 2
    // (not a decision row) is acted on at row 3; both exit on row 4, acted on at row 5; A enters again
    // on row 7.
    const plan = fromSignals(entries, exits, { shares: 10 }, 2, Int32Array.of(1, 3, 5, 7));
    expect(planRows(plan.values, 2)).toEqual([
      [N, N],
      [10, N],
      [N, N],
      [N, 10],
      [N, N],
      [0, 0],
      [N, N],
      [10, N],
    ]);
    // From row 2: B's entry on row 2 counts, A's on row 1 does not (so A's exit on row 4 finds it flat).
    const weekly = fromSignals(entries, exits, { shares: 10 }, 2, Int32Array.of(2, 5));
    expect(planRows(weekly.values, 2)).toEqual([
      [N, N],
      [N, N],
      [N, 10],
      [N, N],
      [N, N],
      [N, 0],
      [N, N],
      [N, N],
    ]);
  });

  it("takes booleans or Panels, a NaN cell being no signal", () => {
    const asBooleans = fromSignals(Array.from(entries, Boolean), Array.from(exits, Boolean), { percent: 25 }, 2);
    expect(asBooleans.values).toEqual(fromSignals(entries, exits, { percent: 25 }, 2).values);
    const panel = (cells: number[]) => ({ dates: ["2024-01-01", "2024-01-02", "2024-01-03"], tickers: ["A"], values: Float64Array.from(cells) });
    const plan = fromSignals(panel([1, N, 0]), panel([N, 0, 1]), { percent: 50 }, 1);
    expect(Array.from(plan.values)).toEqual([0.5, N, 0]);
  });

  it("refuses grids of different shapes, a bad size, or decision rows out of order", () => {
    expect(() => fromSignals(new Uint8Array(4), new Uint8Array(6), { percent: 10 }, 2)).toThrow(
      new InputError("signals: entries (4 cells) and exits (6 cells) must be grids of the same rows × 2 columns"),
    );
    expect(() => fromSignals(new Uint8Array(5), new Uint8Array(5), { percent: 10 }, 2)).toThrow(
      new InputError("signals: entries (5 cells) and exits (5 cells) must be grids of the same rows × 2 columns"),
    );
    expect(() => fromSignals(entries, exits, { shares: 0 }, 2)).toThrow(new InputError("signals: shares per position must be a number > 0 (got 0)"));
    expect(() => fromSignals(entries, exits, { percent: N }, 2)).toThrow(new InputError("signals: percent of equity per position must be a number > 0 (got NaN)"));
    expect(() => fromSignals(entries, exits, { percent: 10 }, 0)).toThrow(new InputError("signals: width must be a whole number ≥ 1 (got 0)"));
    expect(() => fromSignals(entries, exits, { percent: 10 }, 2, Int32Array.of(3, 3))).toThrow(
      new RangeError("decision rows must ascend within the 8 rows (row 3 at position 1)"),
    );
    expect(() => fromSignals(entries, exits, { percent: 10 }, 2, Int32Array.of(8))).toThrow(
      new RangeError("decision rows must ascend within the 8 rows (row 8 at position 0)"),
    );
  });
});

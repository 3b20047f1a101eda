/**
 * The correctly rounded sum of a window of values: Python's `math.fsum`, which backtrader's windowed
 * averages (Average, WeightedAverage) use. A plain running sum would carry rounding from bars long
 * gone into today's value, so a value would depend on where the series was loaded from; the exact sum
 * of the window depends on the window alone.
 *
 * Algorithm: exact-sum.ts (Shewchuk's partials, CPython's round-half-even epilogue). A NaN or
 * infinite term makes the plain sum's NaN or ±Infinity.
 */
import { ExactSum } from "./exact-sum.ts";

const scratch = new ExactSum();

/** Σ x[from .. to−1], correctly rounded. */
export function fsum(x: ArrayLike<number>, from: number, to: number): number {
  scratch.reset();
  for (let k = from; k < to; k++) scratch.add(x[k]);
  return scratch.value();
}

/**
 * Highest and lowest value of the last `period` values (backtrader's Highest and Lowest), for the
 * Stochastic and Williams %R. Warm-up: minperiod = period. A NaN in the window gives NaN.
 */
import { emptyLine } from "./line.ts";

function extreme(x: Float64Array, period: number, pick: (a: number, b: number) => number): Float64Array {
  const out = emptyLine(x.length);
  for (let i = period - 1; i < x.length; i++) {
    let value = x[i];
    for (let k = i - period + 1; k < i; k++) value = pick(value, x[k]);
    out[i] = value;
  }
  return out;
}

export const highest = (x: Float64Array, period: number): Float64Array => extreme(x, period, Math.max);
export const lowest = (x: Float64Array, period: number): Float64Array => extreme(x, period, Math.min);

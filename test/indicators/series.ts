/** Small series and bars for the indicator tests. */
import { mulberry32 } from "../../src/synthetic/random.ts";

export const series = (...x: number[]): Float64Array => Float64Array.from(x);
export const constant = (length: number, value: number): Float64Array => new Float64Array(length).fill(value);
/** x_i = i. */
export const ramp = (length: number): Float64Array => Float64Array.from({ length }, (_, i) => i);
/** A line as a plain array, so toEqual compares NaN with NaN. */
export const values = (line: Float64Array): number[] => Array.from(line);

/** Bars from (high, low, close) triples. */
export function bars(...hlc: [number, number, number][]) {
  return { high: series(...hlc.map((b) => b[0])), low: series(...hlc.map((b) => b[1])), close: series(...hlc.map((b) => b[2])) };
}

/** Bars whose high, low and close are all `close`. */
export const flatBars = (close: Float64Array) => ({ high: close, low: close, close });

/** `length` random-walk bars from `seed`: close wanders from 100, high and low straddle it and the previous close. */
export function randomBars(length: number, seed: number) {
  const uniform = mulberry32(seed);
  const close = new Float64Array(length);
  const high = new Float64Array(length);
  const low = new Float64Array(length);
  let previous = 100;
  for (let i = 0; i < length; i++) {
    close[i] = previous * (1 + (uniform() - 0.5) / 25);
    high[i] = Math.max(close[i], previous) * (1 + uniform() / 100);
    low[i] = Math.min(close[i], previous) * (1 - uniform() / 100);
    previous = close[i];
  }
  return { high, low, close };
}

/** Small series for the indicator tests. */

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

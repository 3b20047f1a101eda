/**
 * The correctly rounded sum of a window of values: Python's `math.fsum`, which backtrader's windowed
 * averages (Average, WeightedAverage) use. A plain running sum would carry rounding from bars long
 * gone into today's value, so a value would depend on where the series was loaded from; the exact sum
 * of the window depends on the window alone.
 *
 * Algorithm: Shewchuk's non-overlapping partials (as CPython's fsum), then the round-half-even fix-up
 * of the top two partials. A NaN or infinite term makes the plain sum's NaN or ±Infinity.
 */

/**
 * Scratch for the partials: they never overlap, so doubles (exponents −1074 … 1023, 53-bit
 * mantissas) hold at most about 40 of them.
 */
const partials = new Float64Array(64);

/** Σ x[from .. to−1], correctly rounded. */
export function fsum(x: ArrayLike<number>, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    let value = x[k];
    if (!Number.isFinite(value)) return plainSum(x, from, to);
    let used = 0;
    for (let j = 0; j < n; j++) {
      let y = partials[j];
      if (Math.abs(value) < Math.abs(y)) {
        y = value;
        value = partials[j];
      }
      const hi = value + y;
      const lo = y - (hi - value);
      if (lo !== 0) partials[used++] = lo;
      value = hi;
    }
    n = used;
    if (value !== 0) partials[n++] = value;
  }
  return roundPartials(n);
}

/** The sum of partials[0 .. n−1] rounded once, half to even (CPython's fsum epilogue). */
function roundPartials(count: number): number {
  let n = count;
  if (n === 0) return 0;
  let hi = partials[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // A remainder exactly half an ulp: round toward the partial below it.
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

function plainSum(x: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let k = from; k < to; k++) sum += x[k];
  return sum;
}

/**
 * An exact running sum of doubles, rounded once when read: Shewchuk's non-overlapping partials (as
 * CPython's `math.fsum`), to which values can be added and taken away again (adding −x undoes x
 * exactly), so a sliding window's sum is always the correctly rounded sum of exactly the values in
 * it, whatever entered and left before. fsum.ts sums a window with it; the tick-window kernels slide
 * it over time.
 *
 * `addProduct(a, b)` adds a × b exactly (Dekker's two-product: the rounded product and its rounding
 * error as two terms), so a time-weighted integral Σ price × duration is exact before its one rounding.
 * Rounding (`value`) is round-half-even of the exact sum, CPython's epilogue; it leaves the partials
 * as they are. A NaN or infinite term makes the value the plain sum's NaN or ±Infinity (and cannot
 * be taken away again): callers keep such terms out.
 */

/** Dekker's splitter for doubles: 2^27 + 1. */
const SPLIT = 134_217_729;

export class ExactSum {
  /**
   * The partials, smallest magnitude first. They never overlap, so doubles (exponents −1074 … 1023,
   * 53-bit mantissas) need at most about 40 of them.
   */
  private readonly partials = new Float64Array(64);
  private count = 0;
  /** The sum of the non-finite terms (0 when there is none). */
  private special = 0;
  private specials = 0;

  reset(): void {
    this.count = 0;
    this.special = 0;
    this.specials = 0;
  }

  add(x: number): void {
    if (!Number.isFinite(x)) {
      this.special += x;
      this.specials++;
      return;
    }
    const partials = this.partials;
    let value = x;
    let used = 0;
    for (let j = 0; j < this.count; j++) {
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
    this.count = used;
    if (value !== 0) partials[this.count++] = value;
  }

  /** a × b exactly: the rounded product and its error. */
  addProduct(a: number, b: number): void {
    const product = a * b;
    if (!Number.isFinite(product)) {
      this.add(product);
      return;
    }
    const aSplit = SPLIT * a;
    const aHi = aSplit - (aSplit - a);
    const aLo = a - aHi;
    const bSplit = SPLIT * b;
    const bHi = bSplit - (bSplit - b);
    const bLo = b - bHi;
    this.add(product);
    this.add(aLo * bLo - (((product - aHi * bHi) - aLo * bHi) - aHi * bLo));
  }

  /** The exact sum rounded once, half to even. */
  value(): number {
    if (this.specials > 0) return this.special;
    const partials = this.partials;
    let n = this.count;
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
}

/**
 * Cross-sectional correlation of two panel rows over the tickers where both are finite.
 *
 * Pearson: the usual product-moment coefficient. Spearman: Pearson on average ranks (ties averaged,
 * cross-section/ranks.ts). Fewer than MIN_PAIRS pairs, or a side with zero dispersion → NaN.
 */
import { averageRanks } from "../cross-section/ranks.ts";

/** With 2 points any correlation is ±1; 3 is the least that carries information. */
const MIN_PAIRS = 3;

/** Scratch buffers sized for one row, reused across dates. */
export class RowPairs {
  readonly x: Float64Array;
  readonly y: Float64Array;
  private readonly rankX: Float64Array;
  private readonly rankY: Float64Array;
  n = 0;

  constructor(width: number) {
    this.x = new Float64Array(width);
    this.y = new Float64Array(width);
    this.rankX = new Float64Array(width);
    this.rankY = new Float64Array(width);
  }

  /** Keeps the cells where both rows are finite (and, with `member`, whose column it accepts). */
  load(a: Float64Array, b: Float64Array, member?: (column: number) => boolean): this {
    let n = 0;
    for (let t = 0; t < a.length; t++) {
      if (member !== undefined && !member(t)) continue;
      const u = a[t];
      const v = b[t];
      if (u - u === 0 && v - v === 0) {
        this.x[n] = u;
        this.y[n++] = v;
      }
    }
    this.n = n;
    return this;
  }

  pearson(): number {
    return this.n < MIN_PAIRS ? NaN : pearson(this.x, this.y, this.n);
  }

  spearman(): number {
    if (this.n < MIN_PAIRS) return NaN;
    averageRanks(this.x, this.n, this.rankX);
    averageRanks(this.y, this.n, this.rankY);
    return pearson(this.rankX, this.rankY, this.n);
  }
}

function pearson(x: Float64Array, y: Float64Array, n: number): number {
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i];
    sy += y[i];
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

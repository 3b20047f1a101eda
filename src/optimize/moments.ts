/**
 * Pairwise sample moments over missing data, as pandas `DataFrame.cov()` and `DataFrame.corr()`:
 * each pair uses only the dates where both series exist, its own means over those dates;
 * covariance divides by (count − 1) (ddof = 1), correlation by √(Σdx² Σdy²) over the same dates
 * and is clipped to [−1, 1] as pandas does. Two passes (means, then products) for accuracy.
 */
import { OptimizationError } from "./errors.ts";

/** Sample covariance of x and y over their pairwise-complete entries (NaN = missing). */
export function pairCovariance(x: Float64Array, y: Float64Array, labelX: string, labelY: string): number {
  const { count, products } = pairMoments(x, y, labelX, labelY);
  return products / (count - 1);
}

/**
 * Pearson correlation of x and y over their pairwise-complete entries; NaN when either is constant
 * there (pandas gives NaN too).
 */
export function pairCorrelation(x: Float64Array, y: Float64Array, labelX: string, labelY: string): number {
  const { products, squaresX, squaresY } = pairMoments(x, y, labelX, labelY);
  const divisor = Math.sqrt(squaresX * squaresY);
  return divisor === 0 ? NaN : Math.min(1, Math.max(-1, products / divisor));
}

/** Count and centred sums of products and squares over the pairwise-complete entries (≥ 2 of them). */
function pairMoments(x: Float64Array, y: Float64Array, labelX: string, labelY: string): { count: number; products: number; squaresX: number; squaresY: number } {
  let count = 0;
  let sumX = 0;
  let sumY = 0;
  for (let t = 0; t < x.length; t++) {
    const a = x[t];
    const b = y[t];
    if (a !== a || b !== b) continue;
    count++;
    sumX += a;
    sumY += b;
  }
  if (count < 2) {
    throw new OptimizationError(
      "too-few-observations",
      `${labelX} and ${labelY} share ${count} daily return${count === 1 ? "" : "s"}; a covariance needs at least 2 common dates`,
    );
  }
  const meanX = sumX / count;
  const meanY = sumY / count;
  let products = 0;
  let squaresX = 0;
  let squaresY = 0;
  for (let t = 0; t < x.length; t++) {
    const a = x[t];
    const b = y[t];
    if (a !== a || b !== b) continue;
    products += (a - meanX) * (b - meanY);
    squaresX += (a - meanX) * (a - meanX);
    squaresY += (b - meanY) * (b - meanY);
  }
  return { count, products, squaresX, squaresY };
}

/** Mean of the present (non-NaN) entries, or NaN when there are none. */
export function meanPresent(x: Float64Array): number {
  let count = 0;
  let sum = 0;
  for (let t = 0; t < x.length; t++) {
    if (x[t] !== x[t]) continue;
    count++;
    sum += x[t];
  }
  return count === 0 ? NaN : sum / count;
}

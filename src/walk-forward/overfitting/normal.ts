/**
 * The standard normal distribution: its CDF Φ and its inverse Φ⁻¹, to about 1e-15 absolute, for the
 * Sharpe-ratio statistics beside this file.
 *
 * Φ(x) for |x| < 3 is Marsaglia's series 0.5 + φ(x)·(x + x³/3 + x⁵/(3·5) + …), all terms of one sign, so
 * nothing cancels; beyond, the tail is φ(x) times the continued fraction of Mills' ratio
 * 1/(x + 1/(x + 2/(x + 3/(x + …)))), which at |x| ≥ 3 has converged to double precision within 80 terms
 * and keeps the tail's relative precision (Φ(−8) ≈ 6.2e-16 is exact to the last digits, where 1 − Φ(8)
 * would be 0). Φ⁻¹ is Acklam's rational approximation (relative error 1.15e-9) refined by one Halley
 * step on Φ, which triples the correct digits.
 */

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const SERIES_LIMIT = 3;
const MILLS_TERMS = 80;

/** The standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** The standard normal CDF Φ(x); NaN gives NaN. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const magnitude = Math.abs(x);
  if (magnitude < SERIES_LIMIT) {
    let term = x;
    let sum = x;
    const square = x * x;
    for (let n = 1; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= square / (2 * n + 1);
      sum += term;
    }
    return 0.5 + normalPdf(x) * sum;
  }
  let fraction = magnitude;
  for (let k = MILLS_TERMS; k >= 1; k--) fraction = magnitude + k / fraction;
  const tail = normalPdf(magnitude) / fraction;
  return x < 0 ? tail : 1 - tail;
}

// Acklam's coefficients: central region numerator a / denominator b, tails c / d.
const A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
const B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
const C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
const D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
const P_LOW = 0.02425;

/** Φ⁻¹(p) for p in (0, 1); 0 → −Infinity, 1 → Infinity, anything else (or NaN) → NaN. */
export function inverseNormalCdf(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else if (p <= 1 - P_LOW) {
    const q = p - 0.5;
    const r = q * q;
    x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  // Halley: with e = Φ(x) − p and u = e / φ(x), x − u / (1 + x·u/2) (Acklam's refinement).
  const u = (normalCdf(x) - p) / normalPdf(x);
  return x - u / (1 + x * u / 2);
}

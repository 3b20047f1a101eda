/**
 * Ledoit-Wolf shrinkage of the covariance matrix, as PyPortfolioOpt's
 * `risk_models.CovarianceShrinkage(prices, frequency=252).ledoit_wolf(shrinkage_target=...)`:
 *
 *   Σ̂ = δ F + (1 − δ) S,   δ = the estimated optimal intensity clipped to [0, 1],  × 252.
 *
 * Shared conventions (PyPortfolioOpt's): X is the T × n daily returns with missing values set
 * to 0 (`np.nan_to_num`), T = all return dates; columns are centred on their means over T.
 * - "constant-variance" (scikit-learn `ledoit_wolf`, Ledoit & Wolf 2004, J. Multivariate Anal.):
 *   S = XcᵀXc / T (biased), F = (tr S / n) I, δ = min(b̄², d²) / d² with d² = ‖S − mI‖²/n and
 *   b̄² = (Σ_t ‖x_t‖⁴ / T − ‖S‖²) / (n T).
 * - "single-factor" (Ledoit & Wolf 2003, J. Empirical Finance; their covMarket code): market =
 *   cross-sectional mean of centred returns, S biased, F_ij = s_i0 s_j0 / s_00 off the diagonal and
 *   s_ii on it, δ = (π̂ − ρ̂) / γ̂ / T.
 * - "constant-correlation" (Ledoit & Wolf 2004, "Honey, I shrunk..."): S = pandas pairwise sample
 *   covariance (ddof = 1), F = r̄ √(s_ii s_jj) off the diagonal, δ = (π̂ − ρ̂) / γ̂ / T.
 */
import type { Panel } from "../panel/index.ts";
import { OptimizationError } from "./errors.ts";
import { TRADING_DAYS } from "./expected-returns.ts";
import { pairCovariance } from "./moments.ts";
import { assetColumns, requireObservations } from "./returns.ts";
import { finish } from "./risk-models.ts";
import type { CovarianceMatrix } from "./types.ts";

export type ShrinkageTarget = "constant-variance" | "single-factor" | "constant-correlation";

export interface ShrunkCovariance extends CovarianceMatrix {
  /** The shrinkage intensity δ in [0, 1]. */
  readonly shrinkage: number;
}

export function ledoitWolf(
  returns: Panel,
  options: { readonly target?: ShrinkageTarget; readonly frequency?: number } = {},
): ShrunkCovariance {
  requireObservations(returns, 2);
  const { target = "constant-variance", frequency = TRADING_DAYS } = options;
  const columns = assetColumns(returns);
  const n = columns.length;
  const t = returns.dates.length;
  // nan_to_num, then centre on the mean over all T dates.
  const centred = columns.map((column) => {
    const filled = column.map((r) => (r === r ? r : 0));
    let mean = 0;
    for (let d = 0; d < t; d++) mean += filled[d];
    mean /= t;
    return filled.map((r) => r - mean);
  });
  let result: { matrix: Float64Array; shrinkage: number };
  if (target === "constant-variance") result = constantVariance(centred, t);
  else if (target === "single-factor") result = singleFactor(centred, t);
  else if (target === "constant-correlation") result = constantCorrelation(centred, t, pairwiseSample(columns, returns.tickers));
  else throw new OptimizationError("invalid-input", `unknown shrinkage target "${String(target)}"`);
  for (let k = 0; k < n * n; k++) result.matrix[k] *= frequency;
  return { ...finish(returns.tickers, result.matrix), shrinkage: result.shrinkage };
}

/** Σ_t a_t b_t / T for columns a, b. */
function meanProduct(a: Float64Array, b: Float64Array, t: number): number {
  let sum = 0;
  for (let d = 0; d < t; d++) sum += a[d] * b[d];
  return sum / t;
}

function biasedCovariance(centred: Float64Array[], t: number): Float64Array {
  const n = centred.length;
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) s[i * n + j] = s[j * n + i] = meanProduct(centred[i], centred[j], t);
  }
  return s;
}

function constantVariance(centred: Float64Array[], t: number): { matrix: Float64Array; shrinkage: number } {
  const n = centred.length;
  const s = biasedCovariance(centred, t);
  if (n === 1) return { matrix: s, shrinkage: 0 };
  let trace = 0;
  let frobenius = 0;
  for (let i = 0; i < n; i++) trace += s[i * n + i];
  for (let k = 0; k < n * n; k++) frobenius += s[k] * s[k];
  const mu = trace / n;
  // Σ_ij Σ_t x_ti² x_tj² = Σ_t (Σ_i x_ti²)².
  let fourth = 0;
  for (let d = 0; d < t; d++) {
    let squares = 0;
    for (let i = 0; i < n; i++) squares += centred[i][d] * centred[i][d];
    fourth += squares * squares;
  }
  const beta = (fourth / t - frobenius) / (n * t);
  const delta = (frobenius - 2 * mu * trace + n * mu * mu) / n;
  const shrinkage = Math.min(beta, delta) <= 0 ? 0 : Math.min(beta, delta) / delta;
  const matrix = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) matrix[k] = (1 - shrinkage) * s[k];
  for (let i = 0; i < n; i++) matrix[i * n + i] += shrinkage * mu;
  return { matrix, shrinkage };
}

function singleFactor(centred: Float64Array[], t: number): { matrix: Float64Array; shrinkage: number } {
  const n = centred.length;
  const market = new Float64Array(t);
  for (let d = 0; d < t; d++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += centred[i][d];
    market[d] = sum / n;
  }
  const s = biasedCovariance(centred, t);
  const betas = centred.map((column) => meanProduct(column, market, t));
  const marketVariance = meanProduct(market, market, t);
  const target = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) target[i * n + j] = i === j ? s[i * n + i] : (betas[i] * betas[j]) / marketVariance;
  }
  const squared = centred.map((column) => column.map((x) => x * x));
  const exposed = centred.map((column) => column.map((x, d) => x * market[d]));
  let gamma = 0;
  let frobenius = 0;
  for (let k = 0; k < n * n; k++) {
    gamma += (s[k] - target[k]) ** 2;
    frobenius += s[k] * s[k];
  }
  let pi = 0;
  for (let d = 0; d < t; d++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += squared[i][d];
    pi += sum * sum;
  }
  pi = pi / t - frobenius;
  let rhoDiagonal = 0;
  for (let i = 0; i < n; i++) rhoDiagonal += meanProduct(squared[i], squared[i], t) - s[i * n + i] ** 2;
  let rhoOff1 = 0;
  let rhoOff3 = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const v1 = meanProduct(squared[i], exposed[j], t) - betas[i] * s[i * n + j];
      rhoOff1 += (v1 * betas[j]) / marketVariance;
      const v3 = meanProduct(exposed[i], exposed[j], t) - marketVariance * s[i * n + j];
      rhoOff3 += (v3 * betas[i] * betas[j]) / (marketVariance * marketVariance);
    }
  }
  const rho = rhoDiagonal + 2 * rhoOff1 - rhoOff3;
  return blend(s, target, gamma === 0 ? 0 : (pi - rho) / gamma / t);
}

function constantCorrelation(centred: Float64Array[], t: number, s: Float64Array): { matrix: Float64Array; shrinkage: number } {
  const n = centred.length;
  if (n === 1) return { matrix: s, shrinkage: 0 };
  const sd = new Float64Array(n);
  for (let i = 0; i < n; i++) sd[i] = Math.sqrt(s[i * n + i]);
  let correlationSum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) correlationSum += s[i * n + j] / (sd[i] * sd[j]);
  const meanCorrelation = correlationSum / (n * (n - 1));
  const target = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) target[i * n + j] = i === j ? s[i * n + i] : meanCorrelation * sd[i] * sd[j];
  }
  const squared = centred.map((column) => column.map((x) => x * x));
  const cubed = centred.map((column) => column.map((x) => x * x * x));
  let pi = 0;
  let piDiagonal = 0;
  let thetaTerm = 0;
  let gamma = 0;
  for (let i = 0; i < n; i++) {
    const secondMomentII = meanProduct(centred[i], centred[i], t);
    for (let j = 0; j < n; j++) {
      const sij = s[i * n + j];
      const secondMoment = meanProduct(centred[i], centred[j], t);
      const piIJ = meanProduct(squared[i], squared[j], t) - 2 * secondMoment * sij + sij * sij;
      pi += piIJ;
      gamma += (sij - target[i * n + j]) ** 2;
      if (i === j) {
        piDiagonal += piIJ;
        continue;
      }
      // ϑ̂_ii,ij: asymptotic covariance of s_ii and s_ij.
      const theta = meanProduct(cubed[i], centred[j], t) - secondMomentII * sij - secondMoment * s[i * n + i] + s[i * n + i] * sij;
      thetaTerm += (sd[j] / sd[i]) * theta;
    }
  }
  const rho = piDiagonal + meanCorrelation * thetaTerm;
  return blend(s, target, gamma === 0 ? 0 : (pi - rho) / gamma / t);
}

function blend(s: Float64Array, target: Float64Array, intensity: number): { matrix: Float64Array; shrinkage: number } {
  const shrinkage = Math.max(0, Math.min(1, intensity));
  const matrix = new Float64Array(s.length);
  for (let k = 0; k < s.length; k++) matrix[k] = shrinkage * target[k] + (1 - shrinkage) * s[k];
  return { matrix, shrinkage };
}

function pairwiseSample(columns: Float64Array[], tickers: readonly string[]): Float64Array {
  const n = columns.length;
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) s[i * n + j] = s[j * n + i] = pairCovariance(columns[i], columns[j], tickers[i], tickers[j]);
  }
  return s;
}

/**
 * The probability of backtest overfitting (PBO) by combinatorially symmetric cross-validation (CSCV),
 * Bailey, Borwein, López de Prado & Zhu, "The Probability of Backtest Overfitting" (2015).
 *
 * Input: one return series per trial (parameter set), all of the same length T, aligned by period;
 * every value must be finite (a trial with a missing period is not comparable to the others). With S
 * partitions, the first T mod S periods are dropped so the rest split into S contiguous blocks of
 * equal length. Each of the C(S, S/2) choices J of S/2 blocks, taken in lexicographic order of block
 * indices, is one split: in-sample (IS) = the periods of J's blocks, out-of-sample (OOS) = the others.
 * Performance is the per-period Sharpe ratio mean ÷ standard deviation (ddof = 1), not annualised; a
 * trial with zero standard deviation scores +∞, −∞ or 0 by the sign of its mean.
 *
 * Per split: n* = the IS-best trial (ties: the lowest index); its OOS rank r among the N trials
 * (1 = worst … N = best, ties take their average rank); ω = r ÷ (N + 1); logit λ = ln(ω ÷ (1 − ω)).
 * PBO = the share of splits with λ ≤ 0 (the IS-best trial at or below the OOS median);
 * degradationSlope = the OLS slope of n*'s OOS performance on its IS performance across splits (NaN
 * when its IS performance never varies); probOosLoss = the share of splits where n*'s OOS performance
 * is below 0.
 */
import { InputError } from "../../errors.ts";

export interface OverfittingOptions {
  /** S: an even number ≥ 2 of contiguous blocks. */
  partitions: number;
}

export interface BacktestOverfitting {
  partitions: number;
  /** C(S, S/2), the number of IS/OOS splits. */
  combinations: number;
  pbo: number;
  degradationSlope: number;
  probOosLoss: number;
  /** λ of every split, in lexicographic order of the IS block sets. */
  logits: Float64Array;
}

/** CSCV over `trials` (N series of T periods' returns each); see the module header. */
export function probabilityOfBacktestOverfitting(trials: readonly ArrayLike<number>[], options: OverfittingOptions): BacktestOverfitting {
  const S = options.partitions;
  if (!Number.isInteger(S) || S < 2 || S % 2 !== 0) throw new InputError(`partitions must be an even whole number of at least 2, got ${S}`);
  const N = trials.length;
  if (N < 2) throw new InputError(`the probability of backtest overfitting needs at least 2 trials, got ${N}`);
  const T = trials[0].length;
  for (let j = 1; j < N; j++) {
    if (trials[j].length !== T) throw new InputError(`trial ${j} has ${trials[j].length} returns but trial 0 has ${T}: align the trials by period`);
  }
  const blockLength = Math.floor(T / S);
  if (blockLength < 2) throw new InputError(`${T} periods give ${S} partitions ${blockLength} period(s) each, fewer than 2: use fewer partitions or more periods`);
  const skipped = T - blockLength * S;

  const { mean, blockSum, blockSquares } = blockMoments(trials, S, blockLength, skipped);
  const half = S / 2;
  const periodsPerHalf = half * blockLength;
  const isSharpe = new Float64Array(N);
  const oosSharpe = new Float64Array(N);
  const inSample = new Uint8Array(S);
  const logits: number[] = [];
  const bestIs: number[] = [];
  const bestOos: number[] = [];

  for (const chosen of combinationsOf(S, half)) {
    inSample.fill(0);
    for (const b of chosen) inSample[b] = 1;
    for (let j = 0; j < N; j++) {
      let isSum = 0, isSquares = 0, oosSum = 0, oosSquares = 0;
      for (let b = 0; b < S; b++) {
        const k = j * S + b;
        if (inSample[b] === 1) { isSum += blockSum[k]; isSquares += blockSquares[k]; }
        else { oosSum += blockSum[k]; oosSquares += blockSquares[k]; }
      }
      isSharpe[j] = sharpeFromCentred(mean[j], isSum, isSquares, periodsPerHalf);
      oosSharpe[j] = sharpeFromCentred(mean[j], oosSum, oosSquares, periodsPerHalf);
    }
    let best = 0;
    for (let j = 1; j < N; j++) if (isSharpe[j] > isSharpe[best]) best = j;
    let below = 0, equal = 0;
    for (let j = 0; j < N; j++) {
      if (oosSharpe[j] < oosSharpe[best]) below++;
      else if (oosSharpe[j] === oosSharpe[best]) equal++;
    }
    const omega = (below + (equal + 1) / 2) / (N + 1);
    logits.push(Math.log(omega / (1 - omega)));
    bestIs.push(isSharpe[best]);
    bestOos.push(oosSharpe[best]);
  }

  const combinations = logits.length;
  return {
    partitions: S,
    combinations,
    pbo: logits.filter((l) => l <= 0).length / combinations,
    degradationSlope: olsSlope(bestIs, bestOos),
    probOosLoss: bestOos.filter((v) => v < 0).length / combinations,
    logits: Float64Array.from(logits),
  };
}

/**
 * Each trial's mean over the kept periods, and per (trial, block) the sum and sum of squares of the
 * returns minus that mean: centring first keeps sum-of-squares variances free of cancellation.
 * Index trial j, block b at j·S + b.
 */
function blockMoments(trials: readonly ArrayLike<number>[], S: number, blockLength: number, skipped: number) {
  const N = trials.length;
  const mean = new Float64Array(N);
  const blockSum = new Float64Array(N * S);
  const blockSquares = new Float64Array(N * S);
  for (let j = 0; j < N; j++) {
    const series = trials[j];
    let total = 0;
    for (let t = skipped; t < series.length; t++) {
      const value = series[t];
      if (!Number.isFinite(value)) throw new InputError(`trial ${j} has ${value} at period ${t}: every return must be a finite number`);
      total += value;
    }
    mean[j] = total / (S * blockLength);
    for (let b = 0; b < S; b++) {
      let sum = 0, squares = 0;
      for (let t = skipped + b * blockLength, end = t + blockLength; t < end; t++) {
        const centred = series[t] - mean[j];
        sum += centred;
        squares += centred * centred;
      }
      blockSum[j * S + b] = sum;
      blockSquares[j * S + b] = squares;
    }
  }
  return { mean, blockSum, blockSquares };
}

/** mean ÷ std (ddof = 1) of n returns given as offset + centred values with their sum and sum of squares. */
function sharpeFromCentred(offset: number, sum: number, squares: number, n: number): number {
  const centredMean = sum / n;
  const variance = Math.max(0, (squares - sum * centredMean) / (n - 1));
  const mean = offset + centredMean;
  if (variance === 0) return mean > 0 ? Infinity : mean < 0 ? -Infinity : 0;
  return mean / Math.sqrt(variance);
}

/** The k-element subsets of 0 … n − 1 in lexicographic order (one reused array per step). */
function* combinationsOf(n: number, k: number): Generator<readonly number[]> {
  const chosen = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield chosen;
    let i = k - 1;
    while (i >= 0 && chosen[i] === n - k + i) i--;
    if (i < 0) return;
    chosen[i]++;
    for (let m = i + 1; m < k; m++) chosen[m] = chosen[m - 1] + 1;
  }
}

function olsSlope(x: readonly number[], y: readonly number[]): number {
  let xMean = 0, yMean = 0;
  for (let i = 0; i < x.length; i++) { xMean += x[i]; yMean += y[i]; }
  xMean /= x.length;
  yMean /= y.length;
  let covariance = 0, variance = 0;
  for (let i = 0; i < x.length; i++) {
    covariance += (x[i] - xMean) * (y[i] - yMean);
    variance += (x[i] - xMean) * (x[i] - xMean);
  }
  return variance === 0 ? NaN : covariance / variance;
}

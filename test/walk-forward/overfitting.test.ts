/**
 * Overfitting statistics (src/walk-forward/overfitting): Φ and Φ⁻¹ against tabulated values, PSR and DSR
 * against their formulas worked by hand below, and PBO by CSCV on a 2-block case worked by hand, on a
 * matrix where one trial dominates every split (PBO 0), on seeded pure noise (PBO near 0.5), with the
 * split count C(S, S/2) and the first T mod S periods dropped. Reference quantiles: Φ⁻¹(0.975) =
 * 1.959963984540054, Φ⁻¹(0.99) = 2.326347874040841, Φ⁻¹(1 − 1/(100e)) = Φ⁻¹(0.9963212055882856) =
 * 2.680210444966883 (standard tables / any arbitrary-precision library).
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { mulberry32, normalSampler } from "../../src/synthetic/index.ts";
import {
  deflatedSharpeRatio, EULER_MASCHERONI, expectedMaxSharpe, inverseNormalCdf, normalCdf, probabilisticSharpeRatio,
  probabilityOfBacktestOverfitting,
} from "../../src/walk-forward/overfitting/index.ts";

describe("normal distribution", () => {
  it("Φ matches tabulated values to 1e-15", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(Math.abs(normalCdf(1) - 0.8413447460685429)).toBeLessThan(1e-15);
    expect(Math.abs(normalCdf(-2) - 0.022750131948179195)).toBeLessThan(1e-15);
    expect(Math.abs(normalCdf(0.5) - 0.6914624612740131)).toBeLessThan(1e-15);
    expect(Math.abs(normalCdf(-3) - 0.0013498980316300946)).toBeLessThan(1e-17);
    // The far tail keeps its relative precision: Φ(−8) = 6.220960574271784e-16.
    expect(Math.abs(normalCdf(-8) / 6.220960574271784e-16 - 1)).toBeLessThan(1e-12);
    expect(normalCdf(40)).toBe(1);
    expect(Number.isNaN(normalCdf(NaN))).toBe(true);
  });

  it("Φ(x) + Φ(−x) = 1 on both sides of the series/continued-fraction switch at 3", () => {
    for (let x = 0; x <= 6; x += 0.125) expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).toBeLessThan(2e-16);
  });

  it("Φ⁻¹ matches tabulated quantiles and inverts Φ", () => {
    expect(Math.abs(inverseNormalCdf(0.975) - 1.959963984540054)).toBeLessThan(1e-14);
    expect(Math.abs(inverseNormalCdf(0.99) - 2.326347874040841)).toBeLessThan(1e-14);
    // Lower tail region of Acklam's approximation (p < 0.02425): Φ⁻¹(1e-10) = −6.361340902404056.
    expect(Math.abs(inverseNormalCdf(1e-10) - -6.361340902404056)).toBeLessThan(1e-12);
    expect(inverseNormalCdf(0.5)).toBe(0);
    for (const p of [1e-12, 1e-6, 0.01, 0.02425, 0.1, 0.3, 0.7, 0.9, 0.97575, 0.999]) {
      expect(Math.abs(normalCdf(inverseNormalCdf(p)) / p - 1)).toBeLessThan(1e-13);
    }
    expect(inverseNormalCdf(0)).toBe(-Infinity);
    expect(inverseNormalCdf(1)).toBe(Infinity);
    expect(Number.isNaN(inverseNormalCdf(1.5))).toBe(true);
  });
});

describe("probabilistic and deflated Sharpe ratios", () => {
  it("PSR of SR 0.1 over 252 normal periods", () => {
    // 1 − 0·0.1 + (3 − 1)/4·0.01 = 1.005; z = 0.1·√251 / √1.005 = 1.5842979517754858 / 1.0024968827881710
    // = 1.5803519980722476; Φ(z) = 0.9429868610243623.
    const psr = probabilisticSharpeRatio({ sharpe: 0.1, observations: 252, skew: 0, kurtosis: 3 });
    expect(Math.abs(psr - 0.9429868610243623)).toBeLessThan(1e-13);
  });

  it("negative skew and fat tails lower the PSR", () => {
    // 1 − (−1)·0.1 + (6 − 1)/4·0.01 = 1.1125; z = 1.5842979517754858 / √1.1125 = 1.5842979517754858 / 1.0547511554864494
    // = 1.5020585126022551; Φ(z) = 0.9334590009489150.
    const psr = probabilisticSharpeRatio({ sharpe: 0.1, observations: 252, skew: -1, kurtosis: 6 });
    expect(Math.abs(psr - 0.933459000948915)).toBeLessThan(1e-13);
  });

  it("PSR against a benchmark equal to the Sharpe ratio is one half", () => {
    expect(probabilisticSharpeRatio({ sharpe: 0.2, observations: 100, skew: 0.3, kurtosis: 4, benchmark: 0.2 })).toBe(0.5);
  });

  it("expectedMaxSharpe is the Euler–Mascheroni closed form", () => {
    // √0.01·((1 − γ)·Φ⁻¹(0.99) + γ·Φ⁻¹(1 − 1/(100e))) = 0.1·(0.4227843350984671·2.326347874040841
    // + 0.5772156649015329·2.680210444966883) = 0.1·(0.9835388178 + 1.5470592704) = 0.2530602893201682.
    expect(EULER_MASCHERONI).toBe(0.5772156649015329);
    expect(Math.abs(expectedMaxSharpe(100, 0.01) - 0.2530602893201682)).toBeLessThan(1e-14);
    // Variance 0 (every trial alike) leaves nothing to select; one trial has no selection at all.
    expect(expectedMaxSharpe(100, 0)).toBe(0);
    expect(expectedMaxSharpe(1, 0.01)).toBe(0);
    // Scales with √V: four times the variance, twice the expected maximum.
    expect(Math.abs(expectedMaxSharpe(100, 0.04) - 2 * expectedMaxSharpe(100, 0.01))).toBeLessThan(1e-15);
  });

  it("DSR of SR 0.3 picked from 100 trials with variance 0.01", () => {
    // SR* = 0.2530602893201682 (above); 1 + (3 − 1)/4·0.09 = 1.045;
    // z = (0.3 − 0.2530602893201682)·√251 / √1.045 = 0.0469397106798318·15.842979517754858 / 1.0222524150130436
    // = 0.7274767600920026; Φ(z) = 0.7665330265689949.
    const deflated = deflatedSharpeRatio({ sharpe: 0.3, observations: 252, trials: 100, varianceOfTrialSharpes: 0.01, skew: 0, kurtosis: 3 });
    expect(Math.abs(deflated.expectedMaxSharpe - 0.2530602893201682)).toBeLessThan(1e-14);
    expect(Math.abs(deflated.dsr - 0.7665330265689949)).toBeLessThan(1e-13);
    // With one trial the DSR is the PSR against 0.
    const single = deflatedSharpeRatio({ sharpe: 0.3, observations: 252, trials: 1, varianceOfTrialSharpes: 0.01, skew: 0, kurtosis: 3 });
    expect(single).toEqual({ expectedMaxSharpe: 0, dsr: probabilisticSharpeRatio({ sharpe: 0.3, observations: 252, skew: 0, kurtosis: 3 }) });
  });

  it("refuses bad input with one line", () => {
    // 1 − 3·2 + (0 − 1)/4·4 = −6.
    expect(() => probabilisticSharpeRatio({ sharpe: 2, observations: 252, skew: 3, kurtosis: 0 }))
      .toThrow(new InputError("1 − skew·sharpe + (kurtosis − 1)/4·sharpe² is -6, not positive: check that kurtosis is raw (3 for normal returns), not excess"));
    expect(() => probabilisticSharpeRatio({ sharpe: 0.1, observations: 1, skew: 0, kurtosis: 3 }))
      .toThrow(new InputError("observations must be a whole number of periods, at least 2, got 1"));
    expect(() => probabilisticSharpeRatio({ sharpe: NaN, observations: 10, skew: 0, kurtosis: 3 }))
      .toThrow(new InputError("sharpe must be a finite number, got NaN"));
    expect(() => expectedMaxSharpe(0, 0.01)).toThrow(new InputError("trials must be a whole number of at least 1, got 0"));
    expect(() => expectedMaxSharpe(10, -1)).toThrow(new InputError("varianceOfTrialSharpes must be a finite number ≥ 0, got -1"));
  });
});

/** N trials of T seeded standard-normal returns scaled by 0.01, plus `drift[j]` for trial j. */
function noiseTrials(seed: number, trials: number, periods: number, drift: (trial: number) => number = () => 0): Float64Array[] {
  const normal = normalSampler(mulberry32(seed));
  return Array.from({ length: trials }, (_, j) => Float64Array.from({ length: periods }, () => 0.01 * normal() + drift(j)));
}

describe("probability of backtest overfitting (CSCV)", () => {
  it("a two-block case worked by hand", () => {
    // Blocks of 2 periods. Per-period Sharpe (ddof 1): [1, 3] → 2/√2 = √2; [0, 2] → 1/√2; [0, −2] → −1/√2;
    // [1, 4] → 2.5/(3/√2) = 5√2/6.
    // Split IS = block 0: IS √2 (trial 0) vs −1/√2 → n* = 0; OOS 1/√2 vs 5√2/6 → rank 1, ω = 1/3, λ = ln ½.
    // Split IS = block 1: IS 1/√2 vs 5√2/6 → n* = 1; OOS −1/√2 vs √2 → rank 1, ω = 1/3, λ = ln ½.
    // PBO = 2/2 = 1; P(OOS loss) = ½; slope through (√2, 1/√2) and (5√2/6, −1/√2) = √2 / (√2/6) = 6.
    const result = probabilityOfBacktestOverfitting([[1, 3, 0, 2], [0, -2, 1, 4]], { partitions: 2 });
    expect(result.partitions).toBe(2);
    expect(result.combinations).toBe(2);
    expect(result.pbo).toBe(1);
    expect(result.probOosLoss).toBe(0.5);
    expect(Math.abs(result.degradationSlope - 6)).toBeLessThan(1e-12);
    expect(result.logits).toHaveLength(2);
    for (const logit of result.logits) expect(Math.abs(logit - Math.log(0.5))).toBeLessThan(1e-15);
  });

  it("breaks IS ties by the lowest index and gives OOS ties their average rank", () => {
    // The hand-worked case with trial 0 repeated as trial 1. IS = block 0: √2, √2, −1/√2 → n* = 0 (lowest
    // of the tie); OOS 1/√2, 1/√2, 5√2/6 → trials 0 and 1 share ranks 1 and 2: r = 1.5, ω = 1.5/4, λ = ln(3/5).
    // IS = block 1: 1/√2, 1/√2, 5√2/6 → n* = 2; OOS −1/√2 vs √2, √2 → r = 1, ω = 1/4, λ = ln(1/3).
    const result = probabilityOfBacktestOverfitting([[1, 3, 0, 2], [1, 3, 0, 2], [0, -2, 1, 4]], { partitions: 2 });
    expect(Math.abs(result.logits[0] - Math.log(3 / 5))).toBeLessThan(1e-15);
    expect(Math.abs(result.logits[1] - Math.log(1 / 3))).toBeLessThan(1e-15);
    expect(result.pbo).toBe(1);
  });

  it("is 0 when one trial dominates every split", () => {
    // Trial 0 earns 0.01 a period above noise of sd 0.01 (Sharpe ≈ 1); the others are noise (Sharpe ≈ 0 ± 0.07
    // over 200 periods). Trial 0 is IS-best and OOS-best in every split: ω = 10/11, λ = ln 10.
    const trials = noiseTrials(7, 10, 800, (j) => (j === 0 ? 0.01 : 0));
    const result = probabilityOfBacktestOverfitting(trials, { partitions: 8 });
    expect(result.combinations).toBe(70);
    expect(result.pbo).toBe(0);
    expect(result.probOosLoss).toBe(0);
    for (const logit of result.logits) expect(Math.abs(logit - Math.log(10))).toBeLessThan(1e-12);
  });

  it("is near one half on pure noise", () => {
    // 20 skill-less trials: the IS-best is a draw from noise, so its OOS rank is about uniform. One seed's
    // PBO spreads widely (0.19 … 0.87 over seeds 1-20), so the mean over 20 seeds is what sits near ½; it is
    // a little above (0.586): IS and OOS halves are complements of one fixed sample, so a high IS mean
    // pulls the OOS mean down. Seed 1's figures were cross-checked with an independent numpy/scipy CSCV
    // (itertools.combinations, scipy.stats.rankdata, numpy.polyfit): PBO 40/70, P(OOS loss) 36/70.
    const pbos = Array.from({ length: 20 }, (_, i) => probabilityOfBacktestOverfitting(noiseTrials(i + 1, 20, 800), { partitions: 8 }).pbo);
    const meanPbo = pbos.reduce((sum, pbo) => sum + pbo, 0) / pbos.length;
    expect(meanPbo).toBeGreaterThan(0.4);
    expect(meanPbo).toBeLessThan(0.7);
    expect(Math.abs(meanPbo - 0.5864285714285714)).toBeLessThan(1e-12);

    const seedOne = probabilityOfBacktestOverfitting(noiseTrials(1, 20, 800), { partitions: 8 });
    expect(seedOne.combinations).toBe(70);
    expect(seedOne.pbo).toBeGreaterThan(0.3);
    expect(seedOne.pbo).toBeLessThan(0.7);
    expect(seedOne.pbo).toBe(40 / 70);
    expect(seedOne.probOosLoss).toBe(36 / 70);
    expect(Math.abs(seedOne.degradationSlope - -0.5717087240856751)).toBeLessThan(1e-9);
    expect(seedOne.logits).toHaveLength(70);
  });

  it("has C(16, 8) = 12870 splits for 16 partitions", () => {
    const result = probabilityOfBacktestOverfitting(noiseTrials(3, 3, 35), { partitions: 16 });
    expect(result.combinations).toBe(12870);
    expect(result.logits).toHaveLength(12870);
  });

  it("drops the first T mod S periods", () => {
    const trials = noiseTrials(11, 6, 400);
    const padded = trials.map((series, j) => Float64Array.from([1e6 * (j + 1), -5, 3 * j, ...series]));
    const plain = probabilityOfBacktestOverfitting(trials, { partitions: 8 });
    const withGarbage = probabilityOfBacktestOverfitting(padded, { partitions: 8 });
    expect(withGarbage).toEqual(plain);
  });

  it("refuses bad input with one line", () => {
    const two = noiseTrials(1, 2, 40);
    expect(() => probabilityOfBacktestOverfitting(two, { partitions: 7 }))
      .toThrow(new InputError("partitions must be an even whole number of at least 2, got 7"));
    expect(() => probabilityOfBacktestOverfitting(two, { partitions: 0 }))
      .toThrow(new InputError("partitions must be an even whole number of at least 2, got 0"));
    expect(() => probabilityOfBacktestOverfitting(two.slice(0, 1), { partitions: 4 }))
      .toThrow(new InputError("the probability of backtest overfitting needs at least 2 trials, got 1"));
    expect(() => probabilityOfBacktestOverfitting(two, { partitions: 32 }))
      .toThrow(new InputError("40 periods give 32 partitions 1 period(s) each, fewer than 2: use fewer partitions or more periods"));
    expect(() => probabilityOfBacktestOverfitting([two[0], two[1].subarray(1)], { partitions: 4 }))
      .toThrow(new InputError("trial 1 has 39 returns but trial 0 has 40: align the trials by period"));
    const withNaN = [two[0], Float64Array.from(two[1], (v, t) => (t === 5 ? NaN : v))];
    expect(() => probabilityOfBacktestOverfitting(withNaN, { partitions: 4 }))
      .toThrow(new InputError("trial 1 has NaN at period 5: every return must be a finite number"));
  });
});

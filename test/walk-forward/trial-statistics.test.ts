/**
 * The search's overfitting statistics from its trials: population moments as scipy computes them
 * (hand-worked), the DSR of a stitched run against its trials by the formula, and the not-computable
 * cases, which give NaN and a note instead of an error.
 */
import { describe, expect, it } from "vitest";
import { skewAndKurtosis } from "../../src/walk-forward/overfitting/index.ts";
import { deflatedSharpeOfSearch, overfittingOfSearch } from "../../src/walk-forward/trial-statistics.ts";
import { inverseNormalCdf, normalCdf } from "../../src/walk-forward/overfitting/index.ts";

describe("skewAndKurtosis", () => {
  it("population moments of 1, 2, 3, 4, 10: m2 = 10, m3 = 36, m4 = 278.8", () => {
    // scipy.stats.skew → 36 / 10^1.5; scipy.stats.kurtosis(fisher=False) → 278.8 / 100.
    const { skew, kurtosis } = skewAndKurtosis([1, 2, 3, 4, 10]);
    expect(skew).toBeCloseTo(36 / 10 ** 1.5, 15);
    expect(kurtosis).toBeCloseTo(2.788, 15);
  });

  it("skips NaN, and gives NaN without variance or under two values", () => {
    expect(skewAndKurtosis([1, NaN, 2, 3, 4, 10, NaN]).kurtosis).toBeCloseTo(2.788, 15);
    expect(skewAndKurtosis([5, 5, 5])).toEqual({ skew: NaN, kurtosis: NaN });
    expect(skewAndKurtosis([5])).toEqual({ skew: NaN, kurtosis: NaN });
  });
});

describe("deflatedSharpeOfSearch", () => {
  it("is the PSR against the expected maximum of the trials' per-period Sharpe ratios", () => {
    const stitched = Float64Array.from([0.01, -0.005, 0.02, 0.004, -0.01, 0.015, 0.003, -0.002]);
    const other = Float64Array.from([0.002, -0.01, 0.001, 0.003, -0.004, 0.002, -0.001, 0.0]);
    const { value, note } = deflatedSharpeOfSearch(stitched, [stitched, other]);
    expect(note).toBeUndefined();
    const sharpeOf = (x: Float64Array) => {
      const mean = x.reduce((a, b) => a + b, 0) / x.length;
      const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (x.length - 1));
      return mean / sd;
    };
    const sr = sharpeOf(stitched);
    const variance = (sharpeOf(stitched) - sharpeOf(other)) ** 2 / 2; // ddof 1 over two values
    const gamma = 0.5772156649015329;
    const expectedMax = Math.sqrt(variance) * ((1 - gamma) * inverseNormalCdf(1 - 1 / 2) + gamma * inverseNormalCdf(1 - 1 / (2 * Math.E)));
    const { skew, kurtosis } = skewAndKurtosis(stitched);
    const dsr = normalCdf(((sr - expectedMax) * Math.sqrt(8 - 1)) / Math.sqrt(1 - skew * sr + ((kurtosis - 1) / 4) * sr * sr));
    expect(value.sharpe).toBeCloseTo(sr, 14);
    expect(value.varianceOfTrialSharpes).toBeCloseTo(variance, 14);
    expect(value.expectedMaxSharpe).toBeCloseTo(expectedMax, 14);
    expect(value.dsr).toBeCloseTo(dsr, 14);
    expect([value.observations, value.trials]).toEqual([8, 2]);
  });

  it("a flat stitched curve has no Sharpe: NaN and a note", () => {
    const flat = new Float64Array(10);
    const { value, note } = deflatedSharpeOfSearch(flat, [flat, flat]);
    expect(value.dsr).toBeNaN();
    expect(note).toBe("deflated Sharpe not computable: sharpe is NaN");
  });
});

describe("overfittingOfSearch", () => {
  it("one parameter set, or fewer days than partitions: NaN and a note", () => {
    const returns = Float64Array.from([0.01, -0.01, 0.02, 0.0]);
    expect(overfittingOfSearch([returns], 2).note).toBe("PBO not computable: it compares parameter sets, and the search has one");
    const tooShort = overfittingOfSearch([returns, returns], 8);
    expect(tooShort.note).toBe("PBO not computable: 4 out-of-sample days cannot fill 8 partitions; lower --partitions");
    expect(tooShort.value).toEqual({ partitions: 8, combinations: NaN, pbo: NaN, degradationSlope: NaN, probOosLoss: NaN });
  });

  it("a set better than the other on every day: PBO 0 over C(4, 2) = 6 splits", () => {
    const worse = Float64Array.from({ length: 40 }, (_, k) => ((k * 7) % 5) / 1000 - 0.003);
    const better = worse.map((x, k) => x + 0.002 + (k % 3) / 1000);
    const { value } = overfittingOfSearch([worse, better], 4);
    expect([value.combinations, value.pbo, value.probOosLoss]).toEqual([6, 0, 0]);
  });
});

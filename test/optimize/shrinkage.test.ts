/**
 * Ledoit-Wolf shrinkage intensities against the published formulas, written out per
 * observation (a different computation from the module's vectorised one), with PyPortfolioOpt's
 * data conventions: `CovarianceShrinkage(returns).ledoit_wolf(shrinkage_target=...)` sets missing
 * returns to 0 (`np.nan_to_num`) and centres over all T dates.
 * - constant variance: Ledoit & Wolf (2004, J. Multivariate Anal. 88), as scikit-learn `ledoit_wolf`;
 * - single factor: Ledoit & Wolf (2003, J. Empirical Finance 10), market = mean of centred returns;
 * - constant correlation: Ledoit & Wolf (2004, "Honey, I shrunk…"), S = pandas pairwise sample cov.
 */
import { describe, expect, it } from "vitest";
import type { Panel } from "../../src/panel/index.ts";
import { ledoitWolf, type ShrinkageTarget } from "../../src/optimize/index.ts";
import { mulberry32, normalSampler } from "../../src/synthetic/random.ts";

const T = 40;
const N = 4;
const normal = normalSampler(mulberry32(11));
const values = new Float64Array(T * N);
for (let t = 0; t < T; t++) {
  const market = 0.01 * normal();
  for (let i = 0; i < N; i++) values[t * N + i] = 0.0005 + (0.5 + 0.3 * i) * market + 0.01 * (1 + i) * normal();
}
values[0 * N + 3] = NaN; // D starts late
values[1 * N + 3] = NaN;
values[17 * N + 1] = NaN; // B has a gap
const returns: Panel = {
  dates: Array.from({ length: T }, (_, t) => new Date(Date.UTC(2024, 0, 1 + t)).toISOString().slice(0, 10)),
  tickers: ["A", "B", "C", "D"],
  values,
};

/** y[t][i]: missing → 0, then centred over all T dates. */
const y: number[][] = (() => {
  const filled = Array.from({ length: T }, (_, t) => Array.from({ length: N }, (_, i) => (Number.isNaN(values[t * N + i]) ? 0 : values[t * N + i])));
  const means = Array.from({ length: N }, (_, i) => filled.reduce((s, row) => s + row[i], 0) / T);
  return filled.map((row) => row.map((x, i) => x - means[i]));
})();
const biased = (i: number, j: number) => y.reduce((s, row) => s + row[i] * row[j], 0) / T;

function pairwise(i: number, j: number): number {
  const rows = Array.from({ length: T }, (_, t) => t).filter((t) => !Number.isNaN(values[t * N + i]) && !Number.isNaN(values[t * N + j]));
  const mi = rows.reduce((s, t) => s + values[t * N + i], 0) / rows.length;
  const mj = rows.reduce((s, t) => s + values[t * N + j], 0) / rows.length;
  return rows.reduce((s, t) => s + (values[t * N + i] - mi) * (values[t * N + j] - mj), 0) / (rows.length - 1);
}

const clamp = (x: number) => Math.max(0, Math.min(1, x));

function constantVarianceIntensity(): number {
  const s = (i: number, j: number) => biased(i, j);
  let m = 0;
  for (let i = 0; i < N; i++) m += s(i, i) / N;
  let d2 = 0;
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) d2 += (s(i, j) - (i === j ? m : 0)) ** 2 / N;
  let b2bar = 0;
  for (const row of y) {
    let norm = 0;
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) norm += (row[i] * row[j] - s(i, j)) ** 2 / N;
    b2bar += norm / (T * T);
  }
  return Math.min(b2bar, d2) / d2;
}

function singleFactorIntensity(): number {
  const y0 = y.map((row) => row.reduce((s, x) => s + x, 0) / N);
  const s = (i: number, j: number) => biased(i, j);
  const si0 = (i: number) => y.reduce((sum, row, t) => sum + row[i] * y0[t], 0) / T;
  const s00 = y0.reduce((sum, m) => sum + m * m, 0) / T;
  const f = (i: number, j: number) => (i === j ? s(i, i) : (si0(i) * si0(j)) / s00);
  let pi = 0;
  let rho = 0;
  let gamma = 0;
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const piIJ = y.reduce((sum, row) => sum + (row[i] * row[j] - s(i, j)) ** 2, 0) / T;
      pi += piIJ;
      gamma += (f(i, j) - s(i, j)) ** 2;
      if (i === j) {
        rho += piIJ;
        continue;
      }
      const rIJ = y.reduce((sum, row, t) => {
        const term = ((si0(j) * s00 * row[i] + si0(i) * s00 * row[j] - si0(i) * si0(j) * y0[t]) * y0[t] * row[i] * row[j]) / (s00 * s00);
        return sum + term - f(i, j) * s(i, j);
      }, 0);
      rho += rIJ / T;
    }
  }
  return clamp((pi - rho) / gamma / T);
}

function constantCorrelationIntensity(): number {
  const s = pairwise;
  let rBar = 0;
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (i !== j) rBar += s(i, j) / Math.sqrt(s(i, i) * s(j, j)) / (N * (N - 1));
  const f = (i: number, j: number) => (i === j ? s(i, i) : rBar * Math.sqrt(s(i, i) * s(j, j)));
  const theta = (i: number, j: number) => y.reduce((sum, row) => sum + (row[i] ** 2 - s(i, i)) * (row[i] * row[j] - s(i, j)), 0) / T;
  let pi = 0;
  let rho = 0;
  let gamma = 0;
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const piIJ = y.reduce((sum, row) => sum + (row[i] * row[j] - s(i, j)) ** 2, 0) / T;
      pi += piIJ;
      gamma += (f(i, j) - s(i, j)) ** 2;
      if (i === j) rho += piIJ;
      else rho += (rBar / 2) * (Math.sqrt(s(j, j) / s(i, i)) * theta(i, j) + Math.sqrt(s(i, i) / s(j, j)) * theta(j, i));
    }
  }
  return clamp((pi - rho) / gamma / T);
}

describe("Ledoit-Wolf shrinkage", () => {
  const cases: [ShrinkageTarget, () => number, (i: number, j: number) => number, (i: number, j: number, sample: (i: number, j: number) => number) => number][] = [
    ["constant-variance", constantVarianceIntensity, biased, (i, j, s) => (i === j ? [0, 1, 2, 3].reduce((acc, k) => acc + s(k, k), 0) / N : 0)],
    [
      "single-factor",
      singleFactorIntensity,
      biased,
      (i, j, s) => {
        const y0 = y.map((row) => row.reduce((acc, x) => acc + x, 0) / N);
        const si0 = (k: number) => y.reduce((acc, row, t) => acc + row[k] * y0[t], 0) / T;
        const s00 = y0.reduce((acc, m) => acc + m * m, 0) / T;
        return i === j ? s(i, i) : (si0(i) * si0(j)) / s00;
      },
    ],
    [
      "constant-correlation",
      constantCorrelationIntensity,
      pairwise,
      (i, j, s) => {
        let rBar = 0;
        for (let a = 0; a < N; a++) for (let b = 0; b < N; b++) if (a !== b) rBar += s(a, b) / Math.sqrt(s(a, a) * s(b, b)) / (N * (N - 1));
        return i === j ? s(i, i) : rBar * Math.sqrt(s(i, i) * s(j, j));
      },
    ],
  ];

  for (const [target, intensity, sample, shrinkTarget] of cases) {
    it(`${target}: intensity and δF + (1 − δ)S annualised`, () => {
      const result = ledoitWolf(returns, { target });
      const delta = intensity();
      expect(delta).toBeGreaterThan(0);
      expect(delta).toBeLessThan(1);
      expect(result.shrinkage).toBeCloseTo(delta, 12);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < N; j++) {
          const expected = (delta * shrinkTarget(i, j, sample) + (1 - delta) * sample(i, j)) * 252;
          expect(result.values[i * N + j]).toBeCloseTo(expected, 12);
        }
      }
      expect(result.warnings).toEqual([]);
    });
  }
});

/**
 * Returns, expected returns and risk models on a hand-computed 3-asset panel with missing data.
 * Expected values are derived by hand from PyPortfolioOpt's definitions:
 * `returns_from_prices` (pct_change(fill_method=None).dropna(how="all")),
 * `mean_historical_return(compounding=True|False, frequency=252)`, `ema_historical_return(span=3)`,
 * `capm_return(risk_free_rate=0.02)`, `sample_cov`, `semicovariance(benchmark=0)`, `exp_cov(span=3)`.
 */
import { describe, expect, it } from "vitest";
import type { Panel } from "../../src/panel/index.ts";
import {
  capmReturn,
  emaHistoricalReturn,
  exponentialCovariance,
  fixNonPositiveSemidefinite,
  meanHistoricalReturn,
  OptimizationError,
  optimizePortfolio,
  returnsFromPrices,
  sampleCovariance,
  semicovariance,
} from "../../src/optimize/index.ts";

// A: 64 → 80 → 64 → 96 → 48       returns 0.25, −0.2, 0.5, −0.5
// B: — → 50 → 60 → 45 → 45        returns —, 0.2, −0.25, 0      (starts late)
// C: 10 → 12 → — → 15 → 12        returns 0.2, —, —, −0.2       (a gap costs two returns)
const prices: Panel = {
  dates: ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"],
  tickers: ["A", "B", "C"],
  values: Float64Array.from([64, NaN, 10, 80, 50, 12, 64, 60, NaN, 96, 45, 15, 48, 45, 12]),
};
const returns = returnsFromPrices(prices);
const two: Panel = returnsFromPrices({ ...prices, tickers: ["A", "B"], values: Float64Array.from([64, NaN, 80, 50, 64, 60, 96, 45, 48, 45]) });

function expectValues(actual: Float64Array, expected: number[], digits = 12): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, digits));
}

describe("returnsFromPrices", () => {
  it("computes simple returns without filling gaps and drops the all-missing first row", () => {
    expect(returns.dates).toEqual(["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]);
    const expected = [0.25, NaN, 0.2, -0.2, 0.2, NaN, 0.5, -0.25, NaN, -0.5, 0, -0.2];
    expected.forEach((value, k) => (Number.isNaN(value) ? expect(returns.values[k]).toBeNaN() : expect(returns.values[k]).toBeCloseTo(value, 15)));
  });

  it("rejects non-positive prices with the ticker and date", () => {
    const bad = { ...prices, values: Float64Array.from(prices.values, (v, k) => (k === 4 ? 0 : v)) };
    expect(() => returnsFromPrices(bad)).toThrow("price of B on 2024-01-02 is 0; prices must be positive and finite (leave missing prices empty)");
  });
});

describe("expected returns", () => {
  it("arithmetic mean × 252 over each asset's own returns", () => {
    expectValues(meanHistoricalReturn(returns, { compounding: false }).values, [(0.05 / 4) * 252, (-0.05 / 3) * 252, 0]);
  });

  it("CAGR (the default): (Π(1 + r))^(252 / count) − 1", () => {
    expectValues(meanHistoricalReturn(returns).values, [0.75 ** 63 - 1, 0.9 ** 84 - 1, 0.96 ** 126 - 1], 10);
  });

  it("exponentially weighted mean with age-based weights that count missing rows (span 3, α = 0.5)", () => {
    const a = (0.25 * 0.125 - 0.2 * 0.25 + 0.5 * 0.5 - 0.5) / 1.875;
    const b = (0.2 * 0.25 - 0.25 * 0.5 + 0) / 1.75;
    const c = (0.2 * 0.125 - 0.2) / 1.125;
    expectValues(emaHistoricalReturn(returns, { span: 3, compounding: false }).values, [a * 252, b * 252, c * 252]);
    expectValues(emaHistoricalReturn(returns, { span: 3 }).values, [(1 + a) ** 252 - 1, (1 + b) ** 252 - 1, (1 + c) ** 252 - 1], 10);
  });

  it("CAPM against the equal-weighted market: rf + β (CAGR_m − rf), β over pairwise-complete dates", () => {
    // market = row means of available returns: 0.25, 0, 0.125, −0.25; var (ddof 1) = 0.13671875 / 3
    const marketVariance = 0.13671875 / 3;
    const betaA = 0.2484375 / 3 / marketVariance;
    const betaB = -1 / 60 / marketVariance; // B and the market overlap on the last three dates
    const market = 1.0546875 ** 63 - 1;
    expectValues(capmReturn(two, { riskFreeRate: 0.02 }).values, [0.02 + betaA * (market - 0.02), 0.02 + betaB * (market - 0.02)], 10);
  });

  it("CAPM against a given benchmark", () => {
    const benchmark = Float64Array.from([0.1, NaN, 0.1, -0.1]);
    // benchmark 0.1, 0.1, −0.1 on dates 1, 3, 4: mean 1/30, deviations 1/15, 1/15, −2/15 (ddof 1)
    const variance = ((1 / 15) ** 2 * 2 + (2 / 15) ** 2) / 2;
    // A on the same dates: 0.25, 0.5, −0.5 (mean 1/12); deviations 1/6, 5/12, −7/12
    const covariance = ((1 / 6) * (1 / 15) + (5 / 12) * (1 / 15) + (-7 / 12) * (-2 / 15)) / 2;
    const market = (1.1 * 1.1 * 0.9) ** (252 / 3) - 1;
    const result = capmReturn(two, { marketReturns: benchmark });
    expect(result.values[0]).toBeCloseTo((covariance / variance) * market, 10);
  });

  it("CAPM through optimizePortfolio with a benchmark column (left out of the universe)", () => {
    // Universe A, market C: C's own returns 0.2, —, —, −0.2 (variance 0.08); A on those dates 0.25, −0.5
    // (covariance 0.15), so β = 1.875; the market's CAGR is (1.2 · 0.8)^(252/2) − 1.
    const panel: Panel = { dates: prices.dates, tickers: ["A", "C"], values: Float64Array.from([64, 10, 80, 12, 64, NaN, 96, 15, 48, 12]) };
    const result = optimizePortfolio(panel, { method: "inverse-volatility", returns: "capm", benchmark: "C" });
    expect(result.tickers).toEqual(["A"]);
    expect(result.expectedReturns.values[0]).toBeCloseTo(1.875 * (0.96 ** 126 - 1), 10);
  });

  it("refuses an asset with fewer than 2 returns", () => {
    const short: Panel = { dates: ["2024-01-01", "2024-01-02", "2024-01-03"], tickers: ["X", "Y"], values: Float64Array.from([1, NaN, 2, 5, 3, 6]) };
    const error = catchError(() => meanHistoricalReturn(returnsFromPrices(short)));
    expect(error.code).toBe("too-few-observations");
    expect(error.message).toBe("Y has 1 daily return, at least 2 are needed; supply a longer price history or drop the ticker");
  });
});

describe("risk models", () => {
  it("sample covariance × 252 over pairwise-complete dates (ddof 1)", () => {
    const s = sampleCovariance(two);
    // A: Σ(dev²)/3 = 0.601875/3; A,B over the last three dates: −303/3600; B: (0.2, −0.25, 0) → var 0.0508333…
    const varianceB = ((13 / 60) ** 2 + (14 / 60) ** 2 + (1 / 60) ** 2) / 2;
    expectValues(s.values, [0.200625 * 252, (-303 / 3600) * 252, (-303 / 3600) * 252, varianceB * 252]);
    expect(s.warnings).toEqual([]);
  });

  it("names the pair when two assets share fewer than 2 dates", () => {
    const error = catchError(() => sampleCovariance(returns));
    expect(error.code).toBe("too-few-observations");
    expect(error.message).toBe("B and C share 1 daily return; a covariance needs at least 2 common dates");
  });

  it("semicovariance: Σ min(r − B, 0) min(r − B, 0) / T × 252 with missing returns as no shortfall", () => {
    expectValues(semicovariance(two, { benchmark: 0 }).values, [(0.29 / 4) * 252, 0, 0, (0.0625 / 4) * 252]);
    // With PyPortfolioOpt's default benchmark 0.000079 every return is below by at least that much.
    const b = 0.000079;
    const drops = [
      [0.25, -0.2, 0.5, -0.5].map((r) => Math.min(r - b, 0)),
      [NaN, 0.2, -0.25, 0].map((r) => (Number.isNaN(r) ? 0 : Math.min(r - b, 0))),
    ];
    const entry = (i: number, j: number) => (drops[i].reduce((sum, x, t) => sum + x * drops[j][t], 0) / 4) * 252;
    expectValues(semicovariance(two).values, [entry(0, 0), entry(0, 1), entry(1, 0), entry(1, 1)]);
  });

  it("exponential covariance: EWM (span 3) of (rᵢ − mean rᵢ)(rⱼ − mean rⱼ) at the last date × 252", () => {
    const devA = [0.2375, -0.2125, 0.4875, -0.5125];
    const devB = [NaN, 13 / 60, -14 / 60, 1 / 60];
    const weights = [0.125, 0.25, 0.5, 1];
    const ewm = (x: number[]) => {
      let num = 0;
      let den = 0;
      x.forEach((v, t) => {
        if (!Number.isNaN(v)) {
          num += weights[t] * v;
          den += weights[t];
        }
      });
      return (num / den) * 252;
    };
    const aa = ewm(devA.map((a) => a * a));
    const ab = ewm(devA.map((a, t) => a * devB[t]));
    const bb = ewm(devB.map((b) => b * b));
    expectValues(exponentialCovariance(two, { span: 3 }).values, [aa, ab, ab, bb]);
  });
});

describe("PSD repair", () => {
  it("sets negative eigenvalues to zero and says so", () => {
    const { values, warnings } = fixNonPositiveSemidefinite(Float64Array.from([1, 2, 2, 1]), 2);
    expectValues(values, [1.5, 1.5, 1.5, 1.5], 14);
    expect(warnings[0]).toBe("covariance matrix is not positive semi-definite (smallest eigenvalue -1.000e+0); negative eigenvalues were set to zero (spectral repair)");
  });

  it("repairs a 3×3 indefinite matrix to V max(Λ, 0) Vᵀ", () => {
    // Eigenvalues of [[2,1,0],[1,2,1],[0,1,2]] − 2.5 I are 2 − 2.5 and 2 ± √2 − 2.5.
    const shift = 2.5;
    const m = Float64Array.from([2 - shift, 1, 0, 1, 2 - shift, 1, 0, 1, 2 - shift]);
    const { values, warnings } = fixNonPositiveSemidefinite(m, 3);
    // Only λ = √2 − 0.5 with eigenvector (1, √2, 1)/2 survives.
    const lambda = Math.SQRT2 - 0.5;
    const v = [0.5, Math.SQRT1_2, 0.5];
    expectValues(values, v.flatMap((a) => v.map((b) => lambda * a * b)), 13);
    expect(warnings).toHaveLength(1);
  });

  it("leaves a PSD matrix untouched", () => {
    const m = Float64Array.from([2, 1, 1, 2]);
    expect(fixNonPositiveSemidefinite(m, 2)).toEqual({ values: m, warnings: [] });
  });
});

function catchError(run: () => unknown): OptimizationError {
  try {
    run();
  } catch (error) {
    if (error instanceof OptimizationError) return error;
    throw error;
  }
  throw new Error("expected an OptimizationError");
}

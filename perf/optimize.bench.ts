/**
 * Benchmark: long-only maximum Sharpe and minimum volatility for 500 assets × 5 years
 * (1260 daily prices) of seeded synthetic prices; target < 1 s each on this machine.
 *
 * Data: src/synthetic/factor-model.ts on weekdays from 2019-01-01, a one-factor model,
 * rᵢₜ = αᵢ + βᵢ fₜ + εᵢₜ with f ~ N(0.0004, 0.01²), βᵢ ∈ [0.5, 1.5], idiosyncratic volatility 1–3 %
 * a day, αᵢ ∈ ±0.0004 (mulberry32 seed 20240601). Expected returns are CAGR and the risk model the
 * sample covariance (PyPortfolioOpt's defaults); the estimation time is printed separately from the
 * two optimisations.
 *
 * Run: npx tsx perf/optimize.bench.ts
 */
import { maxSharpe, meanHistoricalReturn, minVolatility, portfolioPerformance, returnsFromPrices, sampleCovariance } from "../src/optimize/index.ts";
import { numberedTickers, oneFactorPrices, weekdaysFrom } from "../src/synthetic/index.ts";

const ASSETS = 500;
const DAYS = 1260;
const TARGET_SECONDS = 1;

function time<T>(run: () => T): { result: T; seconds: number } {
  const start = performance.now();
  const result = run();
  return { result, seconds: (performance.now() - start) / 1000 };
}

const prices = oneFactorPrices(numberedTickers(ASSETS, "A", 3), weekdaysFrom("2019-01-01", DAYS), 20240601);
const estimation = time(() => {
  const returns = returnsFromPrices(prices);
  return { mu: meanHistoricalReturn(returns), sigma: sampleCovariance(returns) };
});
const { mu, sigma } = estimation.result;
console.log(`estimation (returns, CAGR, sample covariance): ${estimation.seconds.toFixed(3)} s`);
for (const [name, run] of [
  ["max Sharpe (long-only)", () => maxSharpe(mu, sigma)],
  ["min volatility (long-only)", () => minVolatility(sigma)],
] as const) {
  const { result, seconds } = time(run);
  const held = result.weights.filter((w) => w > 1e-9).length;
  const { volatility, sharpe } = portfolioPerformance(result.weights, mu, sigma);
  console.log(
    `${name}: ${seconds.toFixed(3)} s (target < ${TARGET_SECONDS} s: ${seconds < TARGET_SECONDS ? "met" : "MISSED"}); ` +
      `${held} assets held, volatility ${volatility.toFixed(4)}, Sharpe ${sharpe?.toFixed(4)}`,
  );
}

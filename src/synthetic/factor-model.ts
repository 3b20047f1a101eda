/**
 * A panel of synthetic prices whose returns share one market factor (the optimizer benchmark's input:
 * correlated assets, as real covariance matrices have).
 *
 * Model: simple daily returns rᵢₜ = αᵢ + βᵢ fₜ + σᵢ εᵢₜ with market fₜ ~ N(0.0004, 0.01²), βᵢ drawn in
 * [0.5, 1.5), αᵢ in ±0.0004 and idiosyncratic σᵢ in [1%, 3%) a day (ε standard normal). Every asset
 * starts at 100 on the first date and compounds its returns from the second; no price is missing.
 * Dates are the caller's. One mulberry32 stream from `seed`: the loadings first, then date by date
 * the market draw and each asset's draw (the first date's draws are made and unused).
 */
import type { Panel } from "../panel/index.ts";
import { mulberry32, normalSampler } from "./random.ts";

export function oneFactorPrices(tickers: readonly string[], dates: readonly string[], seed: number): Panel {
  const uniform = mulberry32(seed);
  const normal = normalSampler(uniform);
  const n = tickers.length;
  const beta = Float64Array.from({ length: n }, () => 0.5 + uniform());
  const alpha = Float64Array.from({ length: n }, () => (uniform() - 0.5) * 0.0008);
  const idiosyncratic = Float64Array.from({ length: n }, () => 0.01 + 0.02 * uniform());
  const values = new Float64Array(dates.length * n);
  for (let d = 0; d < dates.length; d++) {
    const market = 0.0004 + 0.01 * normal();
    for (let i = 0; i < n; i++) {
      const r = alpha[i] + beta[i] * market + idiosyncratic[i] * normal();
      values[d * n + i] = d === 0 ? 100 : values[(d - 1) * n + i] * (1 + r);
    }
  }
  return { dates, tickers, values };
}

/**
 * Square-root market impact: the price concession of an order large relative to the volume traded.
 *
 * Rule: impact = k · σ_daily · √(|shares| / ADV20), a fraction of the price (0.0002 = 2 bps), applied
 *   against the trade like slippage (see index.ts).
 * Inputs, supplied by the caller from data known at decision time (never the fill bar itself):
 *   - `sigmaDaily`: the standard deviation of daily simple returns over the trailing 20 bars (or
 *     another window the caller chooses), as a fraction (0.02 = 2% a day);
 *   - `adv20`: the mean volume, in shares, of the last 20 bars known at decision time;
 *   - `k`: the dimensionless impact coefficient (of order 0.1 to 1 in the literature).
 * The impact cannot be computed when ADV20 is 0 or NaN (there is no volume to compare with), nor when
 *   σ, k or the share count is NaN: the result is then NaN, never 0.
 */
export function marketImpact(shares: number, sigmaDaily: number, adv20: number, k: number): number {
  if (!(adv20 > 0)) return Number.NaN;
  return k * sigmaDaily * Math.sqrt(Math.abs(shares) / adv20);
}

/**
 * Whole-share allocation of continuous weights, as PyPortfolioOpt's
 * `DiscreteAllocation(weights, latest_prices, total_portfolio_value, short_ratio=None).greedy_portfolio()`:
 *
 * 1. sort by weight, descending (stable); buy ⌊wᵢ V / pᵢ⌋ shares of each;
 * 2. while money is left: buy one share of the asset whose weight falls furthest below its
 *    target (target − value share of the holdings), skipping assets priced above the remaining
 *    cash (at most 10 skips per purchase, as PyPortfolioOpt), and stop when no affordable
 *    asset is under-weight.
 * With shorts, longs and shorts are allocated separately, each normalised to sum to 1: longs
 * with value V (plus the short proceeds when `reinvest`), shorts with V × short ratio (default
 * the total short weight); short positions are negative share counts.
 * One deviation: when step 1 buys nothing, current weights count as 0 (PyPortfolioOpt divides
 * by zero there).
 */
import { OptimizationError } from "./errors.ts";

export interface DiscreteAllocation {
  /** Whole shares by ticker (negative = short); tickers with 0 shares are left out. */
  readonly shares: Record<string, number>;
  /** Cash not invested (long and short legs together). */
  readonly leftover: number;
}

export function greedyAllocation(
  weights: Readonly<Record<string, number>>,
  latestPrices: Readonly<Record<string, number>>,
  options: { readonly totalValue?: number; readonly shortRatio?: number; readonly reinvest?: boolean } = {},
): DiscreteAllocation {
  const { totalValue = 10000, reinvest = false } = options;
  if (!(totalValue > 0 && totalValue < Infinity)) throw new OptimizationError("invalid-input", `portfolio value must be a finite number > 0, got ${totalValue}`);
  const entries = Object.entries(weights);
  for (const [ticker, weight] of entries) {
    if (!Number.isFinite(weight)) throw new OptimizationError("invalid-input", `weight of ${ticker} is ${weight}`);
    const price = latestPrices[ticker];
    if (!(price > 0 && price < Infinity)) throw new OptimizationError("invalid-input", `latest price of ${ticker} is ${price}; it must be a positive number`);
  }
  const shortRatio = options.shortRatio ?? entries.reduce((sum, [, w]) => sum + (w < 0 ? -w : 0), 0);
  if (!(shortRatio >= 0)) throw new OptimizationError("invalid-input", `short ratio must be ≥ 0, got ${shortRatio}`);
  if (!entries.some(([, w]) => w < 0)) return longOnly(entries, latestPrices, totalValue);

  const longs = entries.filter(([, w]) => w >= 0);
  const shorts = entries.filter(([, w]) => w < 0).map(([t, w]) => [t, -w] as [string, number]);
  const normalise = (legs: [string, number][]): [string, number][] => {
    const total = legs.reduce((sum, [, w]) => sum + w, 0);
    return legs.map(([t, w]) => [t, w / total]);
  };
  const shortValue = totalValue * shortRatio;
  const long = longOnly(normalise(longs), latestPrices, reinvest ? totalValue + shortValue : totalValue);
  const short = longOnly(normalise(shorts), latestPrices, shortValue);
  const shares: Record<string, number> = { ...long.shares };
  for (const [ticker, count] of Object.entries(short.shares)) shares[ticker] = -count;
  return { shares, leftover: long.leftover + short.leftover };
}

function longOnly(entries: [string, number][], prices: Readonly<Record<string, number>>, totalValue: number): DiscreteAllocation {
  const sorted = [...entries].sort((a, b) => b[1] - a[1]);
  const price = sorted.map(([ticker]) => prices[ticker]);
  const target = sorted.map(([, w]) => w);
  const bought = sorted.map(([, w], i) => Math.trunc((w * totalValue) / price[i]));
  let available = totalValue;
  for (let i = 0; i < sorted.length; i++) available -= bought[i] * price[i];
  while (available > 0) {
    let held = 0;
    for (let i = 0; i < sorted.length; i++) held += bought[i] * price[i];
    const deficit = target.map((w, i) => w - (held > 0 ? (bought[i] * price[i]) / held : 0));
    let index = argmax(deficit);
    let skips = 0;
    while (price[index] > available) {
      deficit[index] = 0;
      index = argmax(deficit);
      if (deficit[index] < 0 || skips === 10) break;
      skips++;
    }
    if (deficit[index] <= 0 || skips === 10) break;
    bought[index] += 1;
    available -= price[index];
  }
  const shares: Record<string, number> = {};
  sorted.forEach(([ticker], i) => {
    if (bought[i] !== 0) shares[ticker] = bought[i];
  });
  return { shares, leftover: available };
}

function argmax(values: number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

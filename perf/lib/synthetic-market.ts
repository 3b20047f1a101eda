/**
 * In-memory inputs for the backtest kernel benchmark: a seeded Market grid (no database) and a
 * target plan deciding every day, so every simulated day trades.
 *
 * Market: instrument i's bars are src/synthetic/bars.ts from mulberry32(seed + i), start price in
 * [10, 100) from that same stream, laid row-major on `days` weekdays from 2015-01-01; every cell has a
 * bar; no corporate actions (splitRatio 1, dividend 0), nothing delisted (delistRow −1), no warm-up
 * (startRow 0). adjustedClose is the close itself.
 * Plans: "random" gives each instrument a seeded uniform weight each day, normalised to sum 1, so
 * every position changes every day; "equal" gives 1/n to each of the n instruments with a bar, so only
 * price drift moves the share counts.
 */
import type { Market, TargetPlan } from "../../src/backtest/types.ts";
import { mulberry32, numberedTickers, randomBars, weekdaysFrom } from "../../src/synthetic/index.ts";

export type PlanKind = "random" | "equal";

export function syntheticMarket(instruments: number, days: number, seed: number): Market {
  const tickers = numberedTickers(instruments, "K", 5);
  const size = instruments * days;
  const open = new Float64Array(size);
  const close = new Float64Array(size);
  const volume = new Float64Array(size);
  for (let i = 0; i < instruments; i++) {
    const uniform = mulberry32(seed + i);
    const bars = randomBars(uniform, days, 10 + 90 * uniform(), 2, 1_000_000);
    for (let d = 0; d < days; d++) {
      open[d * instruments + i] = bars.open[d];
      close[d * instruments + i] = bars.close[d];
      volume[d * instruments + i] = bars.volume[d];
    }
  }
  return {
    dates: weekdaysFrom("2015-01-01", days),
    instruments: tickers.map((ticker) => ({ ticker, region: "US" })),
    labels: tickers,
    open,
    close,
    volume,
    adjustedClose: close,
    splitRatio: new Float64Array(size).fill(1),
    dividend: new Float64Array(size),
    delistRow: new Int32Array(instruments).fill(-1),
    startRow: 0,
  };
}

/** Weights decided on every row (see the header for the two kinds). */
export function dailyPlan(market: Market, kind: PlanKind, seed: number): TargetPlan {
  const width = market.instruments.length;
  const rows = market.dates.length;
  const values = new Float64Array(rows * width);
  const uniform = mulberry32(seed);
  for (let d = 0; d < rows; d++) {
    const base = d * width;
    let total = 0;
    for (let i = 0; i < width; i++) {
      const hasBar = market.close[base + i] === market.close[base + i];
      values[base + i] = hasBar ? (kind === "random" ? uniform() : 1) : 0;
      total += values[base + i];
    }
    for (let i = 0; i < width; i++) values[base + i] = total > 0 ? values[base + i] / total : 0;
  }
  return { kind: "weight", values };
}

/**
 * The raw floor: the plan's daily portfolio returns from close to close (weights decided on row d − 1
 * earn row d's return), compounded, with no orders, shares or costs. Returns the final growth factor.
 */
export function planReturnsFloor(market: Market, plan: TargetPlan): number {
  const width = market.instruments.length;
  const { close } = market;
  const weights = plan.values;
  let growth = 1;
  for (let d = 1; d < market.dates.length; d++) {
    const base = d * width;
    const before = base - width;
    let dayReturn = 0;
    for (let i = 0; i < width; i++) {
      const r = close[base + i] / close[before + i] - 1;
      if (r === r) dayReturn += weights[before + i] * r;
    }
    growth *= 1 + dayReturn;
  }
  return growth;
}

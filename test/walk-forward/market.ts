/**
 * The walk-forward tests' market: six instruments of seeded random walks on raw prices over 180
 * weekdays, with BBB's 2-for-1 split, CCC's dividend and FFF's delisting, and the sma-cross search
 * the tests run over it.
 */
import type { Database } from "../../src/db/index.ts";
import { mulberry32, weekdaysFrom } from "../../src/synthetic/index.ts";
import type { WalkForwardRequest } from "../../src/walk-forward/run-walk-forward.ts";
import { dayBar, storeBars } from "../backtest/ledger.ts";

export const DATES = weekdaysFrom("2023-01-02", 180);
export const TICKERS = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"];
export const FFF_LAST = 119; // FFF's bars end here and it is recorded as delisted that day
export const BBB_SPLIT = 100; // BBB splits 2-for-1 on this row (raw prices halve)
const CCC_DIVIDEND = 70; // CCC pays 1.00 with this ex-date

/** Seeded random walks on raw prices, with BBB's split, CCC's dividend and FFF's delisting. */
export async function seedMarket(db: Database): Promise<void> {
  const uniform = mulberry32(7);
  const bars = TICKERS.flatMap((ticker, i) => {
    let price = 40 + 10 * i;
    return DATES.flatMap((date, d) => {
      price *= 1 + (uniform() - 0.49) * 0.04;
      if (ticker === "FFF" && d > FFF_LAST) return [];
      const close = ticker === "BBB" && d >= BBB_SPLIT ? price / 2 : price;
      return [dayBar(ticker, date, close, { open: close * (1 + (uniform() - 0.5) * 0.01), volume: 100_000 + 1000 * d })];
    });
  });
  await storeBars(db, bars);
  await db.query("INSERT INTO splits (ticker, region, date, numerator, denominator, ratio, source) VALUES ('BBB', 'US', $1, 2, 1, 2, 'test')", [DATES[BBB_SPLIT]]);
  await db.query("INSERT INTO dividends (ticker, region, ex_date, amount, source) VALUES ('CCC', 'US', $1, 1, 'test')", [DATES[CCC_DIVIDEND]]);
  await db.query("UPDATE tickers SET delisting_date = $1 WHERE ticker = 'FFF'", [DATES[FFF_LAST]]);
}

export const SMA: Omit<WalkForwardRequest, "database"> = {
  strategy: "sma-cross",
  grid: ["period=5,10,20"],
  params: { percent: 15 },
  region: "US",
  from: DATES[30],
  to: DATES[179],
  train: 40,
  test: 20,
  partitions: 4,
  commissionBps: 5,
  slippageBps: 2,
  cash: 1_000_000,
};


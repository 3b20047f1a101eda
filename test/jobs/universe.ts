/**
 * A hand-checkable universe for the factor job tests: consecutive calendar days from 2023-01-01, each
 * a trading day of region US, with closes on exact geometric series, so momentum and reversal have
 * closed forms:
 * - UP:   100 × 1.001^k      → momentum_12_1 = 1.001^231 − 1 = a, reversal_1m = 1.001^21 − 1;
 * - FLAT: 50                 → momentum 0, reversal 0;
 * - DOWN: 80 × h^k with h = (2 − 1.001^231)^(1/231) → momentum = −a (mirror of UP), reversal h^21 − 1;
 * - LATE: listed on day 200, 10 × 1.002^(k − 200) → too short for momentum (no row), reversal 1.002^21 − 1.
 * k is the day index (0 = 2023-01-01).
 */
import type { NewOhlcvBar } from "../../src/schema/index.ts";
import { bar, days } from "../fixtures.ts";

export const DAYS = days("2023-01-01", 400);
export const GROWTH_UP = 1.001;
export const MOMENTUM_UP = GROWTH_UP ** 231 - 1;
export const GROWTH_DOWN = (1 - MOMENTUM_UP) ** (1 / 231);
export const LATE_LISTING = 200;

export const close = {
  UP: (k: number) => 100 * GROWTH_UP ** k,
  FLAT: (_k: number) => 50,
  DOWN: (k: number) => 80 * GROWTH_DOWN ** k,
  LATE: (k: number) => 10 * 1.002 ** (k - LATE_LISTING),
};

/** Bars of every ticker on day indices [first, end). */
export function universeBars(first: number, end: number, region = "US"): NewOhlcvBar[] {
  const rows: NewOhlcvBar[] = [];
  for (let k = first; k < end; k++) {
    for (const [ticker, at] of Object.entries(close)) {
      if (ticker !== "LATE" || k >= LATE_LISTING) rows.push(bar(ticker, region, DAYS[k], at(k)));
    }
  }
  return rows;
}

/**
 * A small stored market for the computeIndicators and script tests: 60 weekday bars of AAA (US) from
 * 2024-01-02, a random walk with highs and lows (seed 11), and 12 weekly bars of AAA besides; and the
 * series they must give, evaluated in memory over the same bars.
 */
import type { Database } from "../../src/db/index.ts";
import { indicatorSeries, parseIndicators, type IndicatorSeries } from "../../src/indicators/index.ts";
import type { NewOhlcvBar } from "../../src/schema/index.ts";
import { weekdaysFrom } from "../../src/synthetic/index.ts";
import { firstOnOrAfter } from "../../src/util/dates.ts";
import { dayBar, storeBars } from "../backtest/ledger.ts";
import { randomBars } from "./series.ts";

export const DATES = weekdaysFrom("2024-01-02", 60);
export const AAA = randomBars(DATES.length, 11);

/** AAA's daily bars from `first` to `last` (indexes), with `bars` in place of the stored walk. */
export function aaaRows(first = 0, last = DATES.length - 1, bars = AAA): NewOhlcvBar[] {
  const rows: NewOhlcvBar[] = [];
  for (let i = first; i <= last; i++) rows.push(dayBar("AAA", DATES[i], bars.close[i], { high: bars.high[i], low: bars.low[i] }));
  return rows;
}

/** Weekly bars of AAA on the Mondays, far from the daily walk's prices, so mixing them would show. */
const WEEKLY = DATES.filter((_, i) => i % 5 === 4).map((date, k) => dayBar("AAA", date, 1000 + k, { timeframe: "1w" }));

export async function storeMarket(db: Database): Promise<void> {
  await storeBars(db, [...aaaRows(), ...WEEKLY]);
}

/** What computeIndicators must return for AAA's daily bars over [from, to]. */
export function expectedSeries(indicators: string, from: string, to: string, bars = AAA): IndicatorSeries {
  const end = DATES.filter((date) => date <= to).length;
  const slice = (x: Float64Array) => x.subarray(0, end);
  return indicatorSeries({ times: DATES.slice(0, end), high: slice(bars.high), low: slice(bars.low), close: slice(bars.close) }, parseIndicators(indicators), firstOnOrAfter(DATES, from));
}

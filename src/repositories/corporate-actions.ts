/**
 * Corporate actions repository: cash dividends (by ex-date) and splits (by effective date).
 *
 * Point-in-time rule: an event is known from its own date on. `asOf` filters keep events dated on
 * or before it, so research as of D never sees a split or dividend that happened after D.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Session } from "../db/index.ts";
import { dividends, splits } from "../schema/index.ts";
import type { Dividend, NewDividend, NewSplit, Split } from "../schema/index.ts";
import { inDateRange } from "./date-range.ts";
import { instrumentIn } from "./instrument-filter.ts";
import type { InstrumentKey } from "./instruments.ts";

export function corporateActionsRepository(session: Session) {
  const { db } = session;
  return {
    upsertDividends: (rows: Iterable<NewDividend>) => session.copyRows(dividends, rows),
    upsertSplits: (rows: Iterable<NewSplit>) => session.copyRows(splits, rows),

    /** Dividends with ex-date in [from, to] and on or before `asOf` (all three optional). */
    dividends(ticker: string, region: string, range: { from?: string; to?: string; asOf?: string } = {}): Promise<Dividend[]> {
      return db
        .select()
        .from(dividends)
        .where(
          and(
            eq(dividends.ticker, ticker),
            eq(dividends.region, region),
            inDateRange(dividends.exDate, range.from, range.to),
            inDateRange(dividends.exDate, undefined, range.asOf),
          ),
        )
        .orderBy(asc(dividends.exDate));
    },

    /** Splits effective in [from, to] and on or before `asOf` (all three optional). */
    splits(ticker: string, region: string, range: { from?: string; to?: string; asOf?: string } = {}): Promise<Split[]> {
      return db
        .select()
        .from(splits)
        .where(
          and(
            eq(splits.ticker, ticker),
            eq(splits.region, region),
            inDateRange(splits.date, range.from, range.to),
            inDateRange(splits.date, undefined, range.asOf),
          ),
        )
        .orderBy(asc(splits.date));
    },

    /** Splits of many instruments dated on or before `asOf`, by instrument then date. */
    splitsOf(instruments: readonly InstrumentKey[], asOf: string): Promise<Split[]> {
      return db
        .select()
        .from(splits)
        .where(and(instrumentIn(splits.ticker, splits.region, instruments), inDateRange(splits.date, undefined, asOf)))
        .orderBy(asc(splits.region), asc(splits.ticker), asc(splits.date));
    },

    /** Dividends of many instruments with ex-date on or before `asOf`, by instrument then ex-date. */
    dividendsOf(instruments: readonly InstrumentKey[], asOf: string): Promise<Dividend[]> {
      return db
        .select()
        .from(dividends)
        .where(and(instrumentIn(dividends.ticker, dividends.region, instruments), inDateRange(dividends.exDate, undefined, asOf)))
        .orderBy(asc(dividends.region), asc(dividends.ticker), asc(dividends.exDate));
    },
  };
}

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
  };
}

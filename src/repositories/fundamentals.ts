/**
 * Fundamentals repository, point-in-time.
 *
 * Rule: a figure is usable on date D only if `known_date <= D`. "As of D" returns, per instrument,
 * the most recently known row (latest `known_date`, then latest `period_end`), so a restatement known
 * after D never leaks into research at D.
 */
import { and, asc, desc, eq, lte } from "drizzle-orm";
import type { Database } from "../db/index.ts";
import { tickerFundamentals as f } from "../schema/index.ts";
import type { Fundamentals, NewFundamentals, PeriodType } from "../schema/index.ts";
import type { InstrumentKey } from "./instruments.ts";
import { instrumentIn } from "./instrument-filter.ts";

export function fundamentalsRepository(database: Database) {
  const { db } = database;
  return {
    upsert: (rows: Iterable<NewFundamentals>) => database.copyRows(f, rows),

    /** Per instrument, the latest row known on `asOf` (optionally one period type, region or list). */
    asOf(
      asOf: string,
      filter: { periodType?: PeriodType; region?: string; instruments?: readonly InstrumentKey[] } = {},
    ): Promise<Fundamentals[]> {
      return db
        .selectDistinctOn([f.ticker, f.region])
        .from(f)
        .where(
          and(
            lte(f.knownDate, asOf),
            filter.periodType === undefined ? undefined : eq(f.periodType, filter.periodType),
            filter.region === undefined ? undefined : eq(f.region, filter.region),
            filter.instruments === undefined ? undefined : instrumentIn(f.ticker, f.region, filter.instruments),
          ),
        )
        .orderBy(f.ticker, f.region, desc(f.knownDate), desc(f.periodEnd));
    },

    /** Every row of one instrument known on or before `asOf` (default: all), oldest first. */
    history(ticker: string, region: string, asOf?: string): Promise<Fundamentals[]> {
      return db
        .select()
        .from(f)
        .where(and(eq(f.ticker, ticker), eq(f.region, region), asOf === undefined ? undefined : lte(f.knownDate, asOf)))
        .orderBy(asc(f.knownDate), asc(f.periodEnd));
    },
  };
}

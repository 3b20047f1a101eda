/**
 * Fundamentals repository, point-in-time.
 *
 * Rule: a figure is usable on date D only if `known_date <= D`. "As of D" means, per instrument, the
 * row describing the latest period known on D (latest `period_end`, then its latest `known_date`,
 * i.e. the newest restatement of that period): a restatement known after D never leaks into research
 * at D, and a late restatement of an older period never hides a newer period.
 *
 * The same rule builds the point-in-time panels (src/factors/as-of-panel.ts); `knownIn` serves them:
 * the rows of one figure that decide its panel value on every date of a range, and nothing known later.
 */
import { and, asc, desc, eq, gt, isNotNull, lte } from "drizzle-orm";
import type { Session } from "../db/index.ts";
import { tickerFundamentals as f } from "../schema/index.ts";
import type { Fundamentals, NewFundamentals, PeriodType } from "../schema/index.ts";
import type { InstrumentKey } from "./instruments.ts";
import { instrumentIn } from "./instrument-filter.ts";

/** A numeric figure of a fundamentals row, by its row property (e.g. "netIncome", "sharesOutstanding"). */
export type FundamentalFigure = Exclude<
  { [K in keyof Fundamentals]-?: Fundamentals[K] extends number | null ? K : never }[keyof Fundamentals],
  "fiscalYear"
>;

/** One row's value of one figure, with what point-in-time reads need to order it. */
export interface FigureRecord {
  readonly ticker: string;
  readonly region: string;
  readonly periodType: PeriodType;
  readonly periodEnd: string;
  readonly knownDate: string;
  readonly value: number;
}

export interface KnownInRange {
  readonly from: string;
  readonly to: string;
  readonly region?: string;
  readonly instruments?: readonly InstrumentKey[];
  /** Only rows of this period type (e.g. ANNUAL, so a year's flow figure never mixes with a quarter's). */
  readonly periodType?: PeriodType;
}

export function fundamentalsRepository(session: Session) {
  const { db } = session;
  return {
    upsert: (rows: Iterable<NewFundamentals>) => session.copyRows(f, rows),

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
        .orderBy(f.ticker, f.region, desc(f.periodEnd), desc(f.knownDate));
    },

    /** Every row of one instrument known on or before `asOf` (default: all), oldest first. */
    history(ticker: string, region: string, asOf?: string): Promise<Fundamentals[]> {
      return db
        .select()
        .from(f)
        .where(and(eq(f.ticker, ticker), eq(f.region, region), asOf === undefined ? undefined : lte(f.knownDate, asOf)))
        .orderBy(asc(f.knownDate), asc(f.periodEnd));
    },

    /**
     * The rows of `figure` that decide its point-in-time value on every date in [from, to]: per
     * instrument the row held on `from` (latest period_end, then latest known_date; on a full tie the
     * ANNUAL row), then every row known in (from, to]. Rows known after `to` are never read, and rows
     * superseded before `from` are not returned (they can change no value in the range). A row whose
     * figure is NULL says nothing about it and is left out.
     * Order, the one the panel builder relies on: known_date, then period_end, then period_type
     * descending (so on a full tie the ANNUAL row comes last and wins), then ticker and region.
     */
    async knownIn(figure: FundamentalFigure, range: KnownInRange): Promise<FigureRecord[]> {
      const record = { ticker: f.ticker, region: f.region, periodType: f.periodType, periodEnd: f.periodEnd, knownDate: f.knownDate, value: f[figure] };
      const scope = and(
        isNotNull(f[figure]),
        range.periodType === undefined ? undefined : eq(f.periodType, range.periodType),
        range.region === undefined ? undefined : eq(f.region, range.region),
        range.instruments === undefined ? undefined : instrumentIn(f.ticker, f.region, range.instruments),
      );
      const held = db
        .selectDistinctOn([f.ticker, f.region], record)
        .from(f)
        .where(and(scope, lte(f.knownDate, range.from)))
        .orderBy(f.ticker, f.region, desc(f.periodEnd), desc(f.knownDate), asc(f.periodType));
      const later = db
        .select(record)
        .from(f)
        .where(and(scope, gt(f.knownDate, range.from), lte(f.knownDate, range.to)));
      const rows = await held.unionAll(later).orderBy(asc(f.knownDate), asc(f.periodEnd), desc(f.periodType), asc(f.ticker), asc(f.region));
      return rows as FigureRecord[];
    },
  };
}

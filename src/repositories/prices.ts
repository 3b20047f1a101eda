/**
 * Prices repository: daily/weekly/monthly bars in `ohlcv_data` and the monthly, quarterly and yearly
 * aggregates built from daily bars.
 *
 * Conventions: dates are `YYYY-MM-DD`, ranges are inclusive at both ends, bars come back in date
 * order. Prices are on the basis each row records (`price_basis`); see adjusted-prices.ts for series
 * adjusted as of a date. A panel cell with no bar is NaN.
 */
import { and, asc, eq, inArray, max } from "drizzle-orm";
import type { Session } from "../db/index.ts";
import type { Panel } from "../panel/index.ts";
import { ohlcvData, ohlcvMonthly, ohlcvQuarterly, ohlcvYearly } from "../schema/index.ts";
import type { AggregateBar, NewOhlcvBar, OhlcvBar, Timeframe } from "../schema/index.ts";
import { type InstrumentKey } from "./instruments.ts";
import { readInstrumentPanel } from "./instrument-panel.ts";
import { dateOfEpochDay } from "../util/dates.ts";
import { inDateRange } from "./date-range.ts";
import { InputError } from "../errors.ts";

export const AGGREGATE_VIEWS = { month: ohlcvMonthly, quarter: ohlcvQuarterly, year: ohlcvYearly } as const;
export type AggregatePeriod = keyof typeof AGGREGATE_VIEWS;

/** Numeric bar fields a panel can hold. */
const PANEL_COLUMNS = {
  open: ohlcvData.open,
  high: ohlcvData.high,
  low: ohlcvData.low,
  close: ohlcvData.close,
  adj_close: ohlcvData.adjClose,
  volume: ohlcvData.volume,
} as const;
export type PanelField = keyof typeof PANEL_COLUMNS;

/**
 * Bring the aggregates up to date with the bars, for the whole history or [from, to].
 * Real-time aggregation covers only bars newer than the last refresh, so every bulk load calls this.
 * Inside a transaction the refresh runs once it commits (TimescaleDB refuses it inside one).
 */
export function refreshOhlcvAggregates(session: Session, from?: string, to?: string): Promise<void> {
  return session.afterCommit(async (database) => {
    if (!database.capabilities.timescaledb) {
      await database.query("SELECT refresh_ohlcv_aggregates()");
      return;
    }
    for (const view of ["ohlcv_monthly", "ohlcv_quarterly", "ohlcv_yearly"]) {
      // The window is widened to whole years so partial buckets at either end are recomputed too.
      await database.query("CALL refresh_continuous_aggregate($1::regclass, $2::date, $3::date)", [
        view,
        from ? `${from.slice(0, 4)}-01-01` : null,
        to ? `${Number(to.slice(0, 4)) + 1}-01-01` : null,
      ]);
    }
  });
}

/** The fields of a bar that price research reads. */
const PRICE_BAR = {
  date: ohlcvData.date,
  open: ohlcvData.open,
  high: ohlcvData.high,
  low: ohlcvData.low,
  close: ohlcvData.close,
  adjClose: ohlcvData.adjClose,
  volume: ohlcvData.volume,
  priceBasis: ohlcvData.priceBasis,
  fetchedAt: ohlcvData.fetchedAt,
};
export type PriceBar = Pick<OhlcvBar, keyof typeof PRICE_BAR>;

const SERIES_FIELDS = ["open", "high", "low", "close", "adjClose", "volume"] as const;
type SeriesField = (typeof SERIES_FIELDS)[number];
/** One instrument's bars as columns, index-aligned with `dates`; NaN where a value is missing. */
export type PriceSeries = { dates: string[] } & Record<SeriesField, Float64Array>;

function oneInstrument(ticker: string, region: string, from: string, to: string, timeframe: Timeframe) {
  return and(
    eq(ohlcvData.ticker, ticker),
    eq(ohlcvData.region, region),
    eq(ohlcvData.timeframe, timeframe),
    inDateRange(ohlcvData.date, from, to),
  );
}

export function pricesRepository(session: Session) {
  const { db } = session;
  return {
    /** Bulk upsert of bars (COPY + merge); the aggregates are refreshed over the loaded date range. */
    async upsertBars(rows: readonly NewOhlcvBar[], options: { refreshAggregates?: boolean } = {}) {
      const result = await session.copyRows(ohlcvData, rows);
      if (options.refreshAggregates !== false && rows.length > 0) {
        let from = rows[0].date;
        let to = rows[0].date;
        for (const r of rows) {
          if (r.date < from) from = r.date;
          if (r.date > to) to = r.date;
        }
        await refreshOhlcvAggregates(session, from, to);
      }
      return result;
    },

    /**
     * One instrument's bars over [from, to]: prices, volume and basis. Decoding the 17 indicator
     * columns costs several times the query itself, so they come only from barsWithIndicators().
     */
    bars(ticker: string, region: string, from: string, to: string, timeframe: Timeframe = "1d"): Promise<PriceBar[]> {
      return db.select(PRICE_BAR).from(ohlcvData).where(oneInstrument(ticker, region, from, to, timeframe)).orderBy(asc(ohlcvData.date));
    },

    /**
     * One instrument's bars over [from, to] as columns: dates and one Float64Array per field (NaN
     * where a field is NULL). The research read: the rows travel as one row of arrays, about half
     * the client time of one row per bar.
     */
    async series(ticker: string, region: string, from: string, to: string, timeframe: Timeframe = "1d"): Promise<PriceSeries> {
      const [row] = await session.query<Record<SeriesField | "days", (number | null)[] | null>>(
        `SELECT array_agg(date - DATE '1970-01-01' ORDER BY date) AS days,
                ${SERIES_FIELDS.map((f) => `array_agg(${ohlcvData[f].name} ORDER BY date) AS "${f}"`).join(", ")}
           FROM ohlcv_data
          WHERE ticker = $1 AND region = $2 AND timeframe = $3 AND date BETWEEN $4::date AND $5::date`,
        [ticker, region, timeframe, from, to],
      );
      const days = (row.days ?? []) as number[];
      const column = (f: SeriesField) => Float64Array.from(row[f] ?? [], (v) => (v === null ? NaN : v));
      return {
        dates: days.map(dateOfEpochDay),
        open: column("open"),
        high: column("high"),
        low: column("low"),
        close: column("close"),
        adjClose: column("adjClose"),
        volume: column("volume"),
      };
    },

    /** One instrument's bars over [from, to] with every stored column, indicators included. */
    barsWithIndicators(ticker: string, region: string, from: string, to: string, timeframe: Timeframe = "1d"): Promise<OhlcvBar[]> {
      return db.select().from(ohlcvData).where(oneInstrument(ticker, region, from, to, timeframe)).orderBy(asc(ohlcvData.date));
    },

    /** Every instrument's bar on one date (optionally one region or a list of tickers). */
    crossSection(
      date: string,
      filter: { region?: string; tickers?: readonly string[]; timeframe?: Timeframe } = {},
    ): Promise<OhlcvBar[]> {
      return db
        .select()
        .from(ohlcvData)
        .where(
          and(
            eq(ohlcvData.timeframe, filter.timeframe ?? "1d"),
            eq(ohlcvData.date, date),
            filter.region === undefined ? undefined : eq(ohlcvData.region, filter.region),
            filter.tickers === undefined ? undefined : inArray(ohlcvData.ticker, [...filter.tickers]),
          ),
        )
        .orderBy(asc(ohlcvData.region), asc(ohlcvData.ticker));
    },

    /**
     * A date × instrument panel of one field. Instruments are `instruments` in the given order, or
     * every instrument with bars in the range ordered by (region, ticker); tickers in the panel are
     * `ticker` when one region is involved, else `ticker.region`. Dates are every date on which any
     * of them has a bar.
     *
     * The values arrive as a binary COPY of one row per bar, decoded as the server sends them
     * (instrument-panel.ts): 3,000 instruments × 10 years in about 4 s on a server (perf/factors.bench.ts).
     */
    async panel(options: {
      field: PanelField;
      from: string;
      to: string;
      instruments?: readonly InstrumentKey[];
      region?: string;
      timeframe?: Timeframe;
    }): Promise<Panel & { instruments: InstrumentKey[] }> {
      const column = PANEL_COLUMNS[options.field];
      if (column === undefined) {
        throw new InputError(`unknown panel field "${options.field}" (one of ${Object.keys(PANEL_COLUMNS).join(", ")})`);
      }
      const params: unknown[] = [options.timeframe ?? "1d", options.from, options.to];
      let filter = "";
      if (options.instruments) {
        params.push(JSON.stringify(options.instruments.map(({ ticker, region }) => ({ ticker, region }))));
        filter = "AND (ticker, region) IN (SELECT ticker, region FROM jsonb_to_recordset($4::jsonb) AS i(ticker text, region text))";
      } else if (options.region !== undefined) {
        params.push(options.region);
        filter = "AND region = $4";
      }
      // `column.name` comes from the schema (checked above); every value is a parameter.
      return readInstrumentPanel(
        session,
        { table: "ohlcv_data", column: column.name, where: `timeframe = $1 AND date BETWEEN $2::date AND $3::date ${filter}`, params },
        options.instruments,
      );
    },

    /**
     * The latest date with a daily bar (in `region`, or anywhere); null when there is none. This is
     * the trading calendar as the stored bars define it: a region trades on a date when some
     * instrument of it has a daily bar then.
     */
    async latestBarDate(region?: string): Promise<string | null> {
      const [row] = await db
        .select({ latest: max(ohlcvData.date) })
        .from(ohlcvData)
        .where(and(eq(ohlcvData.timeframe, "1d"), region === undefined ? undefined : eq(ohlcvData.region, region)));
      return row?.latest ?? null;
    },

    /** Monthly, quarterly or yearly bars of one instrument (bucket start dates), optionally in [from, to]. */
    aggregateBars(period: AggregatePeriod, ticker: string, region: string, from?: string, to?: string): Promise<AggregateBar[]> {
      const view = AGGREGATE_VIEWS[period];
      return db
        .select()
        .from(view)
        .where(
          and(
            eq(view.ticker, ticker),
            eq(view.region, region),
            inDateRange(view.date, from, to),
          ),
        )
        .orderBy(asc(view.date));
    },

    refreshAggregates: (from?: string, to?: string) => refreshOhlcvAggregates(session, from, to),
  };
}

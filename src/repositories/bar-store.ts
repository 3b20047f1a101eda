/**
 * The bar-store API kite_app's code called (`HDF5Manager`: get_ohlcv, list_symbols, delete_data,
 * get_database_stats), over the platform's tables: `repositories(db).barStore`.
 *
 * - Names are kite_app's: an exchange (NSE, BSE, NFO, BFO), a symbol as its HDF5 paths name it
 *   (`M_M`), or as Kite trades it (`M&M`) where instruments.h5 listed it, a Kite interval (`minute`
 *   … `60minute`, `day`); checked and resolved by kite-names.ts, as the HDF5 export does. `day` bars
 *   are `ohlcv_data` timeframe 1d, the others `ohlcv_intraday` (src/kite/intervals.ts), whatever
 *   loader wrote them; the statements reading them are bar-query.ts's, shared with the export.
 * - A dataset is one symbol × interval with at least one bar (an empty kite_app dataset leaves
 *   none). An unknown exchange, interval or symbol, or a dataset with no bars, is an InputError of
 *   one line naming what there is instead.
 * - A bar: `ts` its start in UTC (`2025-01-02T03:45:00Z`, whole seconds as kite_app stamps them),
 *   `local` the same instant in IST (`2025-01-02T09:15:00+05:30`), `date` its IST date, prices as
 *   stored (kite_app's float32 values exactly), `volume`, `oi` (null where the source has none, as
 *   for equities). A day bar is stored by its IST date only; its `ts` is that date's IST midnight,
 *   18:30Z the day before, which is kite_app's stamp (src/kite/time.ts).
 * - `get` returns every bar in the range (bar-range.ts; no limit) in time order, read as one binary
 *   COPY (src/db/copy-out.ts; on the embedded engine a plain SELECT of the same rows takes several
 *   times as long). A symbol is looked up in `tickers` and `kite_instruments`; whether it has bars
 *   of an interval is one min() probe of the bar table's key per interval (`symbols` probes so per
 *   instrument), and is asked only when a read finds nothing; nothing scans bars but `stats`, one
 *   aggregate statement (every row counted in the database, none in JS).
 * - `stats().…bytes` is rows × the record size of kite_app's dtype (32 bytes for NSE and BSE, 40
 *   with `oi` for NFO and BFO): the uncompressed size of the records, as kite_app's own `size_mb`
 *   was, and what an export writes before compression. `first` and `last` are the earliest and
 *   latest bar starts of the store, as `ts`.
 * - `delete` removes one symbol's bars, of one interval or all, in one transaction, reports the rows
 *   removed per interval, and refreshes the aggregates built from them (daily rollups, 1-minute
 *   rollups) once it commits. The instrument and its instruments.h5 listing stay.
 * Every value reaches SQL as a bind parameter.
 */
import type { Session } from "../db/index.ts";
import { BinaryCopyReader } from "../db/copy-out.ts";
import { InputError } from "../errors.ts";
import { KITE_EXCHANGES, SEGMENT_OF, type KiteExchange } from "../kite/instruments.ts";
import { intervalOf, KITE_INTERVALS, timeframeOf, type KiteInterval } from "../kite/intervals.ts";
import { RECORD_TYPES } from "../kite/records.ts";
import { IST_OFFSET_SECONDS } from "../kite/time.ts";
import type { IntradayTimeframe } from "../schema/index.ts";
import type { AdjustedBar } from "./adjusted-prices.ts";
import { barQuery, datasetsWithBars, hasDayBars, hasIntradayBars } from "./bar-query.ts";
import { barBounds, type BarBounds } from "./bar-range.ts";
import { BarTimes } from "./bar-times.ts";
import { refreshIntradayAggregates } from "./intraday-aggregates.ts";
import { kiteExchange, kiteInterval, resolveSymbol } from "./kite-names.ts";
import { refreshOhlcvAggregates } from "./prices.ts";

/** A bar as the API gives it: a daily bar's fields (prices as stored, not adjusted), its start and open interest. */
export interface KiteBar extends AdjustedBar {
  ts: string;
  local: string;
  oi: number | null;
}

export interface BarSeries {
  exchange: KiteExchange;
  symbol: string;
  interval: KiteInterval;
  bars: KiteBar[];
}

export interface StoredSymbol {
  exchange: KiteExchange;
  symbol: string;
  /** As Kite trades it, where instruments.h5 was imported; else null. */
  tradingSymbol: string | null;
}

export interface StoredInterval {
  interval: KiteInterval;
  rows: number;
  /** First and last bar starts, as a bar's `ts`. */
  first: string;
  last: string;
}

export interface SymbolIntervals {
  exchange: KiteExchange;
  symbol: string;
  intervals: StoredInterval[];
}

export interface StoreTotals {
  symbols: number;
  datasets: number;
  rows: number;
  bytes: number;
}

export interface ExchangeStats extends StoreTotals {
  /** Datasets per interval. */
  intervals: Partial<Record<KiteInterval, number>>;
}

export interface BarStoreStats {
  exchanges: Partial<Record<KiteExchange, ExchangeStats>>;
  totals: StoreTotals;
  first: string | null;
  last: string | null;
}

export interface BarDeletion {
  exchange: KiteExchange;
  symbol: string;
  /** Rows removed per interval. */
  removed: Partial<Record<KiteInterval, number>>;
  rows: number;
}

/** `2025-01-02T03:45:00Z` for Unix seconds. */
const utcIso = (seconds: number) => new BarTimes().ts(seconds);

const intervalsIn = (timeframes: readonly string[]) => KITE_INTERVALS.filter((i) => timeframes.includes(timeframeOf(i)));
const ALL_TIMEFRAMES = KITE_INTERVALS.map(timeframeOf);
const INTRADAY_TIMEFRAMES = ALL_TIMEFRAMES.filter((t) => t !== "1d");

/** Unix seconds of a day bar's stamp (its date's IST midnight), in SQL; `$offset` binds IST_OFFSET_SECONDS. */
const dayStamp = (date: string, offset: string) => `((${date} - DATE '1970-01-01') * 86400 - ${offset}::int)::int8`;
const epochSeconds = (instant: string) => `floor(extract(epoch FROM ${instant}))::int8`;

/** The intervals the instrument has bars of, in Kite's order; one probe of a key index each. */
async function intervalsWithBars(session: Session, exchange: KiteExchange, symbol: string): Promise<KiteInterval[]> {
  const found = await datasetsWithBars(session, [exchange], [{ exchange, symbol }], ALL_TIMEFRAMES);
  return intervalsIn(found.map((d) => d.timeframe));
}

/** The InputError for an instrument without bars of `interval` (or without any), naming the intervals it `has`. */
function noDataset(exchange: KiteExchange, symbol: string, interval: KiteInterval | undefined, has: readonly KiteInterval[]): InputError {
  if (interval === undefined || has.length === 0) return new InputError(`${exchange} ${symbol} has no bars`);
  return new InputError(`${exchange} ${symbol} has no ${interval} bars (it has ${has.join(", ")})`);
}

async function readBars(session: Session, exchange: KiteExchange, symbol: string, interval: KiteInterval, bounds: BarBounds): Promise<KiteBar[]> {
  const times = new BarTimes();
  const barOf = (seconds: number, open: number | null, high: number | null, low: number | null, close: number, volume: number, oi: number | null): KiteBar => ({
    ts: times.ts(seconds), local: times.local(seconds), date: times.date(seconds), open, high, low, close, volume, oi,
  });
  const bars: KiteBar[] = [];
  const { text, params } = barQuery(exchange, symbol, interval, bounds);
  const reader = new BinaryCopyReader(await session.copyTo(text, params));
  if (interval === "day") {
    while (reader.nextRow()) {
      const seconds = reader.epochDay() * 86_400 - IST_OFFSET_SECONDS;
      bars.push(barOf(seconds, reader.nullableFloat8(), reader.nullableFloat8(), reader.nullableFloat8(), reader.float8(), reader.float8(), reader.nullableFloat8()));
    }
    return bars;
  }
  while (reader.nextRow()) {
    const seconds = Math.floor(reader.epochMicros() / 1_000_000);
    bars.push(barOf(seconds, reader.float8(), reader.float8(), reader.float8(), reader.float8(), reader.float8(), reader.nullableFloat8()));
  }
  return bars;
}

async function storeStats(session: Session): Promise<BarStoreStats> {
  const rows = await session.query<{ exchange: string | null; timeframe: string | null; datasets: number; symbols: number; rows: number; first: number | null; last: number | null }>(
    `WITH datasets AS (
       SELECT region, ticker, timeframe, count(*) AS rows, ${epochSeconds("min(bar_start)")} AS first, ${epochSeconds("max(bar_start)")} AS last
         FROM ohlcv_intraday WHERE region = ANY($1::text[]) GROUP BY region, ticker, timeframe
       UNION ALL
       SELECT region, ticker, timeframe, count(*), ${dayStamp("min(date)", "$2")}, ${dayStamp("max(date)", "$2")}
         FROM ohlcv_data WHERE region = ANY($1::text[]) AND timeframe = '1d' GROUP BY region, ticker, timeframe)
     SELECT region AS exchange, timeframe, count(*)::int8 AS datasets, count(DISTINCT (region, ticker))::int8 AS symbols,
            coalesce(sum(rows), 0)::int8 AS rows, min(first) AS first, max(last) AS last
       FROM datasets GROUP BY GROUPING SETS ((region, timeframe), (region), ())`,
    [KITE_EXCHANGES, IST_OFFSET_SECONDS],
  );
  const bytesOf = (exchange: KiteExchange, n: number) => n * RECORD_TYPES[SEGMENT_OF[exchange]].size;
  const exchanges: Partial<Record<KiteExchange, ExchangeStats>> = {};
  for (const exchange of KITE_EXCHANGES) {
    const whole = rows.find((r) => r.exchange === exchange && r.timeframe === null);
    if (!whole) continue;
    const byInterval = rows.filter((r) => r.exchange === exchange && r.timeframe !== null);
    exchanges[exchange] = {
      symbols: whole.symbols,
      datasets: whole.datasets,
      rows: whole.rows,
      bytes: bytesOf(exchange, whole.rows),
      intervals: Object.fromEntries(
        KITE_INTERVALS.flatMap((i) => byInterval.filter((r) => r.timeframe === timeframeOf(i)).map((r) => [i, r.datasets])),
      ),
    };
  }
  const all = rows.find((r) => r.exchange === null && r.timeframe === null)!;
  const listed = Object.values(exchanges);
  return {
    exchanges,
    totals: { symbols: all.symbols, datasets: all.datasets, rows: all.rows, bytes: listed.reduce((n, e) => n + e.bytes, 0) },
    first: all.first === null ? null : utcIso(all.first),
    last: all.last === null ? null : utcIso(all.last),
  };
}

async function deleteBars(tx: Session, exchange: KiteExchange, given: string, interval: KiteInterval | undefined): Promise<BarDeletion> {
  const symbol = await resolveSymbol(tx, exchange, given);
  const removed = new Map<string, number>();
  const timeframes = interval === undefined ? INTRADAY_TIMEFRAMES : [timeframeOf(interval)].filter((t) => t !== "1d");
  if (timeframes.length > 0) {
    const gone = await tx.query<{ timeframe: IntradayTimeframe; rows: number; first: number; last: number }>(
      `WITH gone AS (DELETE FROM ohlcv_intraday WHERE ticker = $1 AND region = $2 AND timeframe = ANY($3::text[]) RETURNING timeframe, bar_start)
       SELECT timeframe, count(*)::int8 AS rows, ${epochSeconds("min(bar_start)")} AS first, ${epochSeconds("max(bar_start)")} AS last FROM gone GROUP BY timeframe`,
      [symbol, exchange, timeframes],
    );
    for (const g of gone) removed.set(g.timeframe, g.rows);
    const minutes = gone.find((g) => g.timeframe === "1m");
    if (minutes) await refreshIntradayAggregates(tx, { from: minutes.first, to: minutes.last });
  }
  if (interval === undefined || interval === "day") {
    const [day] = await tx.query<{ rows: number; first: string; last: string }>(
      `WITH gone AS (DELETE FROM ohlcv_data WHERE ticker = $1 AND region = $2 AND timeframe = '1d' RETURNING date)
       SELECT count(*)::int8 AS rows, min(date) AS first, max(date) AS last FROM gone HAVING count(*) > 0`,
      [symbol, exchange],
    );
    if (day) {
      removed.set("1d", day.rows);
      await refreshOhlcvAggregates(tx, day.first, day.last);
    }
  }
  const byInterval = KITE_INTERVALS.flatMap((i) => (removed.has(timeframeOf(i)) ? [[i, removed.get(timeframeOf(i))!] as const] : []));
  // Nothing removed: nothing was there to remove, which the caller should hear about.
  if (byInterval.length === 0) throw noDataset(exchange, symbol, interval, await intervalsWithBars(tx, exchange, symbol));
  return { exchange, symbol, removed: Object.fromEntries(byInterval), rows: byInterval.reduce((n, [, r]) => n + r, 0) };
}

export function barStoreRepository(session: Session) {
  return {
    /** Every bar of one dataset whose start is in the range (bar-range.ts), in time order. */
    async get(exchange: string, symbol: string, interval: string, range: { from?: string; to?: string } = {}): Promise<BarSeries> {
      const ex = kiteExchange(exchange);
      const iv = kiteInterval(interval);
      const bounds = barBounds(range);
      const found = await resolveSymbol(session, ex, symbol);
      const bars = await readBars(session, ex, found, iv, bounds);
      if (bars.length === 0) {
        // An empty range of the dataset, or no such dataset: asked only now.
        const has = await intervalsWithBars(session, ex, found);
        if (!has.includes(iv)) throw noDataset(ex, found, iv, has);
      }
      return { exchange: ex, symbol: found, interval: iv, bars };
    },

    /** The symbols with bars, of one exchange or all, by exchange (NSE, BSE, NFO, BFO) then symbol. */
    async symbols(exchange?: string): Promise<StoredSymbol[]> {
      const exchanges = exchange === undefined ? KITE_EXCHANGES : [kiteExchange(exchange)];
      return session.query<StoredSymbol>(
        `SELECT t.region AS exchange, t.ticker AS symbol, k.trading_symbol AS "tradingSymbol"
           FROM tickers t LEFT JOIN kite_instruments k ON k.ticker = t.ticker AND k.region = t.region
          WHERE t.region = ANY($1::text[])
            AND (${hasDayBars("t.ticker", "t.region")} OR ${hasIntradayBars("t.ticker", "t.region")})
          ORDER BY array_position($1::text[], t.region), t.ticker COLLATE "C"`,
        [exchanges],
      );
    },

    /** One symbol's intervals with bars (Kite's order: minute … 60minute, day), each with its rows and first and last bar. */
    async intervals(exchange: string, symbol: string): Promise<SymbolIntervals> {
      const ex = kiteExchange(exchange);
      const found = await resolveSymbol(session, ex, symbol);
      const rows = await session.query<{ timeframe: IntradayTimeframe | "1d"; rows: number; first: number; last: number }>(
        `SELECT timeframe, count(*)::int8 AS rows, ${epochSeconds("min(bar_start)")} AS first, ${epochSeconds("max(bar_start)")} AS last
           FROM ohlcv_intraday WHERE ticker = $1 AND region = $2 GROUP BY timeframe
         UNION ALL
         SELECT '1d', count(*)::int8, ${dayStamp("min(date)", "$3")}, ${dayStamp("max(date)", "$3")}
           FROM ohlcv_data WHERE ticker = $1 AND region = $2 AND timeframe = '1d' HAVING count(*) > 0`,
        [found, ex, IST_OFFSET_SECONDS],
      );
      const intervals = rows
        .map((r) => ({ interval: intervalOf(r.timeframe), rows: r.rows, first: utcIso(r.first), last: utcIso(r.last) }))
        .sort((a, b) => KITE_INTERVALS.indexOf(a.interval) - KITE_INTERVALS.indexOf(b.interval));
      if (intervals.length === 0) throw noDataset(ex, found, undefined, []);
      return { exchange: ex, symbol: found, intervals };
    },

    /** Symbols, datasets, rows and bytes per exchange and in total, datasets per interval, first and last bar. */
    stats: (): Promise<BarStoreStats> => storeStats(session),

    /** Remove one symbol's bars, of `interval` or of every interval, in one transaction. */
    async delete(exchange: string, symbol: string, interval?: string): Promise<BarDeletion> {
      const ex = kiteExchange(exchange);
      const iv = interval === undefined ? undefined : kiteInterval(interval);
      return session.transaction((tx) => deleteBars(tx, ex, symbol, iv));
    },
  };
}

export type BarStoreRepository = ReturnType<typeof barStoreRepository>;

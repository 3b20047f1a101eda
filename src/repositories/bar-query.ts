/**
 * The SQL over kite_app's bars that the bar-store API (bar-store.ts) and the HDF5 export
 * (src/export/hdf5/) share: one dataset's bars in a range, and which datasets have bars.
 *
 * - A dataset is one instrument × Kite interval: `day` bars are `ohlcv_data` timeframe 1d, by their
 *   IST date; the others `ohlcv_intraday`, by their start (src/kite/intervals.ts).
 * - The range is bar-range.ts's, both ends inclusive: a day bar is in it when its IST midnight is
 *   (`dayBounds`). Only the bounds given are written, so each is an index bound (and chunk exclusion).
 * - Whether an instrument has bars is asked as min() over the key's next column, which the planner
 *   answers with one probe of the key index whatever its statistics say; as EXISTS it may choose a
 *   scan of the table (seen on a server store whose statistics show one instrument).
 * Every value is a bind parameter.
 */
import type { Session } from "../db/index.ts";
import type { KiteExchange } from "../kite/instruments.ts";
import { timeframeOf, type KiteInterval } from "../kite/intervals.ts";
import type { IntradayTimeframe } from "../schema/index.ts";
import { dayBounds, type BarBounds } from "./bar-range.ts";

/** A statement and its parameters. */
export interface BarQuery {
  text: string;
  params: unknown[];
}

/** Adds a parameter, returning its placeholder (`$3`). */
type Param = (value: unknown) => string;

/** ` AND column >= … AND column <= …` for the bounds given: of day bars' `date` (`day`) or of intraday bars' `bar_start`. */
function inRange(column: string, day: boolean, bounds: BarBounds, param: Param): string {
  const { from, to } = day ? dayBounds(bounds) : bounds;
  const value = (v: string | number) => (day ? `${param(v)}::date` : `TIMESTAMPTZ 'epoch' + ${param(v)}::int8 * INTERVAL '1 microsecond'`);
  return `${from === undefined ? "" : ` AND ${column} >= ${value(from)}`}${to === undefined ? "" : ` AND ${column} <= ${value(to)}`}`;
}

/**
 * One dataset's bars in the range, in time order, as the columns a binary COPY decodes: the day's
 * `date` or the bar's `bar_start`, then open, high, low, close, volume and open interest as float8.
 */
export function barQuery(exchange: KiteExchange, symbol: string, interval: KiteInterval, bounds: BarBounds): BarQuery {
  const params: unknown[] = [symbol, exchange];
  const param: Param = (v) => `$${params.push(v)}`;
  if (interval === "day") {
    const range = inRange("date", true, bounds, param);
    return { text: `SELECT date, open, high, low, close, volume, open_interest FROM ohlcv_data WHERE ticker = $1 AND region = $2 AND timeframe = '1d'${range} ORDER BY date`, params };
  }
  const timeframe = param(timeframeOf(interval));
  const range = inRange("bar_start", false, bounds, param);
  return {
    text: `SELECT bar_start, open, high, low, close, volume::float8, open_interest::float8 FROM ohlcv_intraday WHERE ticker = $1 AND region = $2 AND timeframe = ${timeframe}${range} ORDER BY bar_start`,
    params,
  };
}

/** SQL: whether the instrument has day bars (in the range `range`, from inRange over `d.date`). */
export const hasDayBars = (ticker: string, region: string, range = "") =>
  `(SELECT min(d.date) FROM ohlcv_data d WHERE d.ticker = ${ticker} AND d.region = ${region} AND d.timeframe = '1d'${range}) IS NOT NULL`;

/** SQL: whether the instrument has intraday bars of `timeframe`, else of any (in the range `range`, over `i.bar_start`). */
export const hasIntradayBars = (ticker: string, region: string, timeframe?: string, range = "") =>
  timeframe === undefined
    ? `(SELECT min(i.timeframe) FROM ohlcv_intraday i WHERE i.ticker = ${ticker} AND i.region = ${region}${range}) IS NOT NULL`
    : `(SELECT min(i.bar_start) FROM ohlcv_intraday i WHERE i.ticker = ${ticker} AND i.region = ${region} AND i.timeframe = ${timeframe}${range}) IS NOT NULL`;

export interface DatasetWithBars {
  exchange: KiteExchange;
  symbol: string;
  timeframe: IntradayTimeframe | "1d";
}

/**
 * The datasets of `timeframes` with a bar in `bounds`, of every instrument of `tickers` on
 * `exchanges` (every loader writes the instrument), or of the `instruments` named only; one probe of
 * a key index per instrument × timeframe, no bar scanned. Unordered.
 */
export async function datasetsWithBars(
  session: Session,
  exchanges: readonly KiteExchange[],
  instruments: readonly { exchange: KiteExchange; symbol: string }[] | undefined,
  timeframes: readonly string[],
  bounds: BarBounds = {},
): Promise<DatasetWithBars[]> {
  const params: unknown[] = [exchanges, timeframes];
  const param: Param = (v) => `$${params.push(v)}`;
  const named =
    instruments === undefined
      ? ""
      : ` AND (t.region, t.ticker) IN (SELECT * FROM unnest(${param(instruments.map((i) => i.exchange))}::text[], ${param(instruments.map((i) => i.symbol))}::text[]))`;
  const days = hasDayBars("t.ticker", "t.region", inRange("d.date", true, bounds, param));
  const intraday = hasIntradayBars("t.ticker", "t.region", "f.timeframe", inRange("i.bar_start", false, bounds, param));
  return session.query<DatasetWithBars>(
    `SELECT t.region AS exchange, t.ticker AS symbol, f.timeframe
       FROM tickers t CROSS JOIN unnest($2::text[]) AS f(timeframe)
      WHERE t.region = ANY($1::text[])${named}
        AND CASE WHEN f.timeframe = '1d' THEN ${days} ELSE ${intraday} END`,
    params,
  );
}

/**
 * What a kite_app load should have stored, read two independent ways: the dataset's records as h5wasm
 * itself unpacks them (its own compound reader, not the importer's byte decoding), and the bars as
 * the target holds them, in the same shape, so a test compares whole datasets value for value.
 */
import type { Database } from "../../../src/db/index.ts";
import { openHdf5, type Dataset } from "../../../src/hdf5/read.ts";
import { exchangeDate } from "../../../src/kite/time.ts";

/** One bar as `[time, open, high, low, close, volume, oi]`: time the bar start in Unix seconds, or the IST date of a day bar. */
export type BarTuple = [number | string, number, number, number, number, number, number | null];

/** The dataset's records as h5wasm reads them, without the rows at `skip` (rejected ones). */
export async function fileBars(file: string, path: string, skip: readonly number[] = []): Promise<BarTuple[]> {
  const h5 = await openHdf5(file, "a kite_app file");
  try {
    const rows = ((h5.file.get(path) as Dataset).value as unknown as bigint[][]) ?? [];
    const day = path.endsWith("/day");
    return rows
      .filter((_, i) => !skip.includes(i))
      .map(([ts, open, high, low, close, volume, oi]) => [
        day ? exchangeDate(Number(ts)) : Number(ts), Number(open), Number(high), Number(low), Number(close), Number(volume), oi === undefined ? null : Number(oi),
      ]);
  } finally {
    h5.close();
  }
}

/** The bars the target holds for a dataset path's instrument and interval, in time order. */
export async function storedBars(db: Database, path: string): Promise<BarTuple[]> {
  const [, , exchange, symbol, interval] = path.split("/");
  if (interval === "day") {
    const rows = await db.query<{ date: string; open: number; high: number; low: number; close: number; volume: number; open_interest: number | null }>(
      "SELECT date, open, high, low, close, volume, open_interest FROM ohlcv_data WHERE ticker = $1 AND region = $2 AND timeframe = '1d' ORDER BY date",
      [symbol, exchange],
    );
    return rows.map((r) => [r.date, r.open, r.high, r.low, r.close, r.volume, r.open_interest]);
  }
  const timeframe = interval === "minute" ? "1m" : `${interval.replace("minute", "")}m`;
  const rows = await db.query<{ ts: number; open: number; high: number; low: number; close: number; volume: number; open_interest: number | null }>(
    `SELECT extract(epoch FROM bar_start)::int8 AS ts, open, high, low, close, volume, open_interest
       FROM ohlcv_intraday WHERE ticker = $1 AND region = $2 AND timeframe = $3 ORDER BY bar_start`,
    [symbol, exchange, timeframe],
  );
  return rows.map((r) => [r.ts, r.open, r.high, r.low, r.close, r.volume, r.open_interest]);
}

/**
 * The hand-made CSV fixtures (test/fixtures/csv) and reads of what an import stored.
 * - yahoo/AAPL.csv: a Yahoo download around AAPL's 2020-08-31 4:1 split, with a `null` row;
 * - rejects/MSFT.csv: a Yahoo download with one row of each kind the importer rejects;
 * - backtrader/2006-day-001.txt: backtrader's Euro Stoxx 50 sample layout;
 * - zipline/: a csvdir bundle (daily/AAPL.csv split-adjusted with its 4:1 split and two $0.205
 *   adjusted dividends, daily/MSFT.csv with one $0.51 dividend).
 */
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Queryable } from "../../../src/db/index.ts";

export const CSV_FIXTURES = fileURLToPath(new URL("../../fixtures/csv/", import.meta.url));
export const fixture = (path: string) => `${CSV_FIXTURES}${path}`;

/** `fetched_at` the importer stores for a file: its modification time, to the millisecond. */
export const mtimeOf = (path: string) => new Date(statSync(path).mtimeMs).toISOString();

/** Bars of an instrument as stored, in date order, `fetched_at` as ISO text. */
export function storedBars(db: Queryable, ticker: string, region = "US") {
  return db.query(
    `SELECT date::text AS date, timeframe, open, high, low, close, adj_close, volume, source, price_basis,
            to_char(fetched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS fetched_at
     FROM ohlcv_data WHERE ticker = $1 AND region = $2 ORDER BY date`,
    [ticker, region],
  );
}

/** Row counts of the tables an import writes. */
export async function tableCounts(db: Queryable): Promise<Record<string, number>> {
  const [counts] = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM ohlcv_data) AS ohlcv_data, (SELECT count(*)::int FROM dividends) AS dividends,
            (SELECT count(*)::int FROM splits) AS splits, (SELECT count(*)::int FROM tickers) AS tickers,
            (SELECT count(*)::int FROM migration_runs) AS migration_runs, (SELECT count(*)::int FROM migration_rejects) AS migration_rejects`,
  );
  return counts;
}

/**
 * The trading calendar as the stored daily bars define it: a date is a trading day of a region when
 * some instrument of that region has a daily bar on it.
 */
import type { Queryable } from "../../db/index.ts";

/** The latest date with a daily bar (in `region`, or anywhere); null when there is none. */
export async function latestBarDate(database: Queryable, region?: string): Promise<string | null> {
  const [row] = await database.query<{ latest: string | null }>(
    `SELECT max(date)::text AS latest FROM ohlcv_data WHERE timeframe = '1d'${region === undefined ? "" : " AND region = $1"}`,
    region === undefined ? [] : [region],
  );
  return row?.latest ?? null;
}

/** `(ticker, region) IN (…)` for a list of instruments, as two array parameters (any list length). */
import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { InstrumentKey } from "./instruments.ts";

export function instrumentIn(ticker: PgColumn, region: PgColumn, instruments: readonly InstrumentKey[]): SQL {
  const tickers = instruments.map((i) => i.ticker);
  const regions = instruments.map((i) => i.region);
  return sql`(${ticker}, ${region}) IN (SELECT * FROM unnest(${tickers}::text[], ${regions}::text[]))`;
}

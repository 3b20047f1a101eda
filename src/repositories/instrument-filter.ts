/**
 * `(ticker, region) IN (…)` for a list of instruments of any length. The list travels as one JSON
 * parameter: both engines take it the same way, and no bind-parameter limit applies.
 */
import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { InstrumentKey } from "./instruments.ts";

export function instrumentIn(ticker: PgColumn, region: PgColumn, instruments: readonly InstrumentKey[]): SQL {
  const list = JSON.stringify(instruments.map(({ ticker, region }) => ({ ticker, region })));
  return sql`(${ticker}, ${region}) IN (SELECT ticker, region FROM jsonb_to_recordset(${list}::jsonb) AS i(ticker text, region text))`;
}

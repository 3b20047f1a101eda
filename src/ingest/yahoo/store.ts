/**
 * Storage side of the Yahoo ingest: the coverage record, the splits already held, and one symbol's
 * whole write (instrument, bars, dividends, splits, coverage) in a single transaction through the
 * bulk path, so a symbol is either fully loaded with its coverage advanced or not at all.
 *
 * The instrument row: a new instrument gets Yahoo's name and `data_source = 'yahoo'`; an existing one
 * (say from a SQLite migration) keeps its name and source, and only the facts Yahoo is authoritative
 * for here are refreshed: `yahoo_symbol`, `currency`, `exchange` (Yahoo's code, e.g. NMS, KSC),
 * `asset_type`. Every write is an upsert keyed as the tables are, so reloading is idempotent.
 */
import { copyBatch, type CopyResult, type Queryable, type Transaction } from "../../db/index.ts";
import { dividends, fetchCoverage, ohlcvData, splits, tickers } from "../../schema/index.ts";
import type { NewDividend, NewOhlcvBar, NewSplit, NewTicker } from "../../schema/index.ts";
import type { CoverageState } from "./plan.ts";

export const VENDOR = "yahoo";

export type NewFetchCoverage = typeof fetchCoverage.$inferInsert;

export async function readCoverage(db: Queryable, symbol: string, interval: string): Promise<CoverageState | undefined> {
  const [row] = await db.query<{ covered_from: string; covered_to: string; last_split_date: string | null }>(
    `SELECT covered_from::text, covered_to::text, last_split_date::text
       FROM fetch_coverage WHERE vendor = $1 AND symbol = $2 AND interval = $3`,
    [VENDOR, symbol, interval],
  );
  return row && { coveredFrom: row.covered_from, coveredTo: row.covered_to, lastSplitDate: row.last_split_date };
}

/** Splits held for an instrument (any source), as `{ date, ratio }` in date order. */
export async function readSplits(db: Queryable, ticker: string, region: string): Promise<{ date: string; ratio: number }[]> {
  return db.query<{ date: string; ratio: number }>(
    "SELECT date::text AS date, ratio FROM splits WHERE ticker = $1 AND region = $2 ORDER BY date",
    [ticker, region],
  );
}

export interface SymbolWrite {
  instrument: NewTicker;
  bars: NewOhlcvBar[];
  dividends: NewDividend[];
  splits: NewSplit[];
  coverage: NewFetchCoverage;
}

export interface WriteCounts {
  bars: CopyResult;
  dividends: CopyResult;
  splits: CopyResult;
}

const INSTRUMENT_FACTS = ["ticker", "region", "yahooSymbol", "currency", "exchange", "assetType", "updatedAt"] as const;

export async function writeSymbol(database: { transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> }, data: SymbolWrite): Promise<WriteCounts> {
  return database.transaction(async (tx) => {
    await copyBatch(tx, tickers, [data.instrument], { onConflict: "ignore" });
    await copyBatch(tx, tickers, [data.instrument], { columns: INSTRUMENT_FACTS });
    const counts = {
      bars: await copyBatch(tx, ohlcvData, data.bars),
      dividends: await copyBatch(tx, dividends, data.dividends),
      splits: await copyBatch(tx, splits, data.splits),
    };
    await copyBatch(tx, fetchCoverage, [data.coverage]);
    return counts;
  });
}

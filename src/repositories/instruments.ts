/**
 * Instruments repository: the `tickers` master keyed by (ticker, region).
 */
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../db/index.ts";
import { tickers } from "../schema/index.ts";
import type { NewTicker, Ticker } from "../schema/index.ts";

export interface InstrumentKey {
  ticker: string;
  region: string;
}

export function instrumentsRepository(database: Database) {
  const { db } = database;
  return {
    /** Insert or update instruments (last row wins for a repeated key). */
    upsert: (rows: Iterable<NewTicker> | AsyncIterable<NewTicker>) => database.copyRows(tickers, rows),

    /**
     * Create instruments known only from price rows, marked `is_inferred`; instruments that already
     * exist are left untouched. Returns how many were created.
     */
    async ensureInferred(keys: Iterable<InstrumentKey & Partial<NewTicker>>, dataSource: string): Promise<number> {
      const rows = Array.from(keys, (k) => ({ ...k, isInferred: true, dataSource }));
      const { loaded } = await database.copyRows(tickers, rows, { onConflict: "ignore" });
      return loaded;
    },

    async get(ticker: string, region: string): Promise<Ticker | undefined> {
      const [row] = await db.select().from(tickers).where(and(eq(tickers.ticker, ticker), eq(tickers.region, region)));
      return row;
    },

    async list(filter: { region?: string; activeOnly?: boolean } = {}): Promise<Ticker[]> {
      const conditions = [
        filter.region === undefined ? undefined : eq(tickers.region, filter.region),
        filter.activeOnly ? eq(tickers.isActive, true) : undefined,
      ];
      return db.select().from(tickers).where(and(...conditions)).orderBy(asc(tickers.region), asc(tickers.ticker));
    },
  };
}

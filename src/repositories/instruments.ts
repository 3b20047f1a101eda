/**
 * Instruments repository: the `tickers` master keyed by (ticker, region).
 */
import { and, asc, eq } from "drizzle-orm";
import type { CopyResult, Session } from "../db/index.ts";
import { tickers } from "../schema/index.ts";
import type { NewTicker, Ticker } from "../schema/index.ts";

export interface InstrumentKey {
  ticker: string;
  region: string;
}

/** Column labels for instruments: `ticker` when one region is involved, else `ticker.region`. */
export function instrumentLabels(instruments: readonly InstrumentKey[]): string[] {
  const oneRegion = new Set(instruments.map((k) => k.region)).size <= 1;
  return instruments.map((k) => (oneRegion ? k.ticker : `${k.ticker}.${k.region}`));
}

export function instrumentsRepository(session: Session) {
  const { db } = session;
  return {
    /** Insert or update instruments (last row wins for a repeated key). */
    upsert: (rows: Iterable<NewTicker> | AsyncIterable<NewTicker>) => session.copyRows(tickers, rows),

    /**
     * Create the instruments that are new, with every property given; on those that exist, update
     * only `facts`, so a source authoritative for some properties alone (Yahoo for currency and
     * exchange) leaves the others (name, data source) as they are. Returns how many were created
     * (`loaded`) and how many existed (`merged`).
     */
    upsertFacts(rows: readonly NewTicker[], facts: readonly (keyof NewTicker & string)[]): Promise<CopyResult> {
      return session.transaction(async (tx) => {
        const created = await tx.copyRows(tickers, rows, { onConflict: "ignore" });
        await tx.copyRows(tickers, rows, { columns: ["ticker", "region", ...facts] });
        return created;
      });
    },

    /**
     * Create instruments known only from price rows, marked `is_inferred`; instruments that already
     * exist are left untouched. Returns how many were created.
     */
    async ensureInferred(keys: Iterable<InstrumentKey & Partial<NewTicker>>, dataSource: string): Promise<number> {
      const rows = Array.from(keys, (k) => ({ ...k, isInferred: true, dataSource }));
      const { loaded } = await session.copyRows(tickers, rows, { onConflict: "ignore" });
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

/**
 * The source layouts the loader reads, in load order, and how a file's layout is recognised: by the
 * tables present (the layout with the most of its tables wins; a file with none is not a source).
 *
 * Time zones by layout: Spock writes application timestamps as local `isoformat()` (Spock runs in
 * Korea: Asia/Seoul) and database defaults as UTC; Stockula's SQLAlchemy timestamps are UTC.
 * Tables of a file that are not in its layout (API logs, caches, …) are reported as skipped.
 */
import type { TableSpec } from "../table-spec.ts";
import type { TimeZones } from "../values.ts";
import { spockTrades, spockPortfolio } from "./spock/account.ts";
import { spockEtfDetails, spockEtfHoldings, spockStockDetails, spockTickers } from "./spock/instruments.ts";
import { spockExchangeRates, spockGlobalIndices, spockMarketSentiment } from "./spock/market.ts";
import { spockOhlcv } from "./spock/prices.ts";
import { spockFundamentals, spockTechnicalAnalysis } from "./spock/research.ts";
import { stockulaStockInfo, stockulaStocks } from "./stockula/instruments.ts";
import { stockulaCalls, stockulaPuts } from "./stockula/options.ts";
import { stockulaDividends, stockulaPrices, stockulaSplits } from "./stockula/prices.ts";

export type LayoutName = "spock" | "stockula";

/** A query on the source returning `ticker, region` rows. */
export interface InstrumentQuery {
  table: string;
  sql: string;
}

export interface Layout {
  name: LayoutName;
  tables: readonly TableSpec[];
  zones: TimeZones;
  /** The source's master rows: the instruments it describes. */
  master: InstrumentQuery;
  /** The instruments the source has prices for, where its price rows name a region. */
  priced: InstrumentQuery;
}

export const SPOCK: Layout = {
  name: "spock",
  tables: [
    spockTickers, spockStockDetails, spockEtfDetails, spockEtfHoldings, spockFundamentals, spockOhlcv,
    spockTechnicalAnalysis, spockTrades, spockPortfolio, spockMarketSentiment, spockGlobalIndices, spockExchangeRates,
  ],
  zones: { withT: "Asia/Seoul", withSpace: "UTC" },
  master: { table: "tickers", sql: "SELECT ticker, region FROM tickers" },
  priced: { table: "ohlcv_data", sql: "SELECT DISTINCT ticker, region FROM ohlcv_data WHERE region IS NOT NULL" },
};

export const STOCKULA: Layout = {
  name: "stockula",
  tables: [stockulaStocks, stockulaStockInfo, stockulaPrices, stockulaDividends, stockulaSplits, stockulaCalls, stockulaPuts],
  zones: { withT: "UTC", withSpace: "UTC" },
  master: { table: "stocks", sql: "SELECT symbol AS ticker, 'US' AS region FROM stocks" },
  priced: { table: "price_history", sql: "SELECT DISTINCT symbol AS ticker, 'US' AS region FROM price_history" },
};

export const LAYOUTS: readonly Layout[] = [SPOCK, STOCKULA];

export interface Recognised {
  layout: Layout;
  /** Layout tables present in the file, in load order. */
  present: TableSpec[];
  /** Tables of the file with no home in the platform. */
  skipped: string[];
}

export function recognise(tableNames: readonly string[]): Recognised | undefined {
  const names = new Set(tableNames);
  let best: Recognised | undefined;
  for (const layout of LAYOUTS) {
    const present = layout.tables.filter((t) => names.has(t.source));
    if (present.length > 0 && (!best || present.length > best.present.length)) {
      const known = new Set(layout.tables.map((t) => t.source));
      best = { layout, present, skipped: tableNames.filter((n) => !known.has(n)).sort() };
    }
  }
  return best;
}

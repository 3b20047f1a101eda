/**
 * The source layouts the loader reads, in load order, and how a file's layout is recognised: by the
 * tables present (the layout with the most of its tables wins; a file with none is not a source).
 *
 * Time zones by layout: Spock writes application timestamps as local `isoformat()` (Spock runs in
 * Korea: Asia/Seoul) and database defaults as UTC; Stockula's SQLAlchemy timestamps are UTC.
 * Tables of a file that are not in its layout (API logs, caches, …) are reported as skipped.
 */
import type { TableSpec } from "../table-spec.ts";
import type { TimeZones } from "../../core/values.ts";
import { spockTrades, spockPortfolio } from "./spock/account.ts";
import { spockEtfDetails, spockEtfHoldings, spockStockDetails, spockTickers } from "./spock/instruments.ts";
import { spockExchangeRates, spockGlobalIndices, spockMarketSentiment } from "./spock/market.ts";
import { spockOhlcv } from "./spock/prices.ts";
import { spockFundamentals, spockTechnicalAnalysis } from "./spock/research.ts";
import { stockulaStockInfo, stockulaStocks } from "./stockula/instruments.ts";
import { stockulaCalls, stockulaPuts } from "./stockula/options.ts";
import { stockulaDividends, stockulaPrices, stockulaSplits } from "./stockula/prices.ts";

export type LayoutName = "spock" | "stockula";

/** A query on the source, run when `table` is in the file; the layout field says what it returns. */
export interface SourceQuery {
  table: string;
  sql: string;
}

export interface Layout {
  name: LayoutName;
  tables: readonly TableSpec[];
  zones: TimeZones;
  /**
   * `ticker, region` rows for resolving rows that carry no region (instruments.ts): the source's
   * master rows (the instruments it describes) and the instruments its price rows name with a region.
   * Only layouts with such rows have them.
   */
  regions?: { master: SourceQuery; priced: SourceQuery };
  /** `symbol, instrument type` rows: Yahoo's quoteType per symbol, for layouts keyed by Yahoo symbols. */
  instrumentTypes?: SourceQuery;
}

export const SPOCK: Layout = {
  name: "spock",
  tables: [
    spockTickers, spockStockDetails, spockEtfDetails, spockEtfHoldings, spockFundamentals, spockOhlcv,
    spockTechnicalAnalysis, spockTrades, spockPortfolio, spockMarketSentiment, spockGlobalIndices, spockExchangeRates,
  ],
  zones: { withT: "Asia/Seoul", withSpace: "UTC" },
  regions: {
    master: { table: "tickers", sql: "SELECT ticker, region FROM tickers" },
    priced: { table: "ohlcv_data", sql: "SELECT DISTINCT ticker, region FROM ohlcv_data WHERE region IS NOT NULL" },
  },
};

export const STOCKULA: Layout = {
  name: "stockula",
  tables: [stockulaStocks, stockulaStockInfo, stockulaPrices, stockulaDividends, stockulaSplits, stockulaCalls, stockulaPuts],
  zones: { withT: "UTC", withSpace: "UTC" },
  // Every Stockula row names its instrument by Yahoo symbol (stockula/symbols.ts); stock_info holds
  // yfinance's info, whose quoteType tells a crypto pair (BTC-USD) from a US class share (BRK-B).
  instrumentTypes: {
    table: "stock_info",
    sql: "SELECT symbol, json_extract(info_json, '$.quoteType') FROM stock_info WHERE json_valid(info_json)",
  },
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

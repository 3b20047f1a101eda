/**
 * Stockula's `stocks` → `tickers` and `stock_info` → `instrument_info`.
 *
 * Stockula stores Yahoo Finance symbols and no region: each maps to the instrument the Yahoo ingest
 * uses (symbols.ts; `BRK-B` → `BRK.B`, US), and the symbol itself is kept in `tickers.yahoo_symbol`.
 * Empty strings become NULL. `market_cap`
 * is a stale snapshot with no column in the master and is not carried. `info_json` text becomes jsonb;
 * text that is not JSON is rejected with the parser's reason.
 */
import { instrumentInfo, tickers, type NewTicker } from "../../../../schema/index.ts";
import { defineTable, type LoadRow } from "../../table-spec.ts";
import { optionalText, optionalTimestamp, requiredJson } from "../../../core/values.ts";
import { stockulaInstrument } from "./symbols.ts";

export const stockulaStocks = defineTable({
  source: "stocks",
  target: tickers,
  required: ["symbol"],
  optional: ["name", "sector", "industry", "exchange", "currency", "created_at", "updated_at"],
  transform(r, c): LoadRow<NewTicker> {
    const { symbol, ticker, region } = stockulaInstrument(r.symbol, c);
    return {
      ticker,
      region,
      yahooSymbol: symbol,
      name: optionalText(r.name, "name"),
      sector: optionalText(r.sector, "sector"),
      industry: optionalText(r.industry, "industry"),
      exchange: optionalText(r.exchange, "exchange"),
      currency: optionalText(r.currency, "currency"),
      dataSource: "stockula",
      isInferred: false,
      createdAt: optionalTimestamp(r.created_at, "created_at", c.zones) ?? c.loadedAt,
      updatedAt: optionalTimestamp(r.updated_at, "updated_at", c.zones),
    };
  },
});

export const stockulaStockInfo = defineTable({
  source: "stock_info",
  target: instrumentInfo,
  required: ["symbol", "info_json"],
  optional: ["created_at", "updated_at"],
  transform(r, c): LoadRow<typeof instrumentInfo.$inferInsert> {
    const { ticker, region } = stockulaInstrument(r.symbol, c);
    return {
      ticker,
      region,
      info: requiredJson(r.info_json, "info_json"),
      createdAt: optionalTimestamp(r.created_at, "created_at", c.zones) ?? c.loadedAt,
      updatedAt: optionalTimestamp(r.updated_at, "updated_at", c.zones),
    };
  },
});

/**
 * Kite Connect's instrument list (kite_app's `instruments.h5`), for the instruments the platform holds.
 *
 * An instrument of a Kite exchange is `(ticker, region)` = (its kite_app path symbol, the exchange):
 * see src/kite/instruments.ts for the rule. This table keeps what the path symbol lost (the trading
 * symbol as Kite writes it, `M&M` for `M_M`) and the contract facts research and export need; `tickers`
 * holds the name, asset type, lot size and exchange too. Values are Kite's as listed: `strike` 0 for
 * non-options, `expiry` NULL for equities, `lot_size` 0 for indices.
 */
import { bigint, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { day, float, instant, instrumentKey } from "./columns.ts";

export const kiteInstruments = pgTable(
  "kite_instruments",
  {
    ...instrumentKey(),
    tradingSymbol: text("trading_symbol").notNull(),
    instrumentToken: bigint("instrument_token", { mode: "number" }).notNull(),
    exchangeToken: bigint("exchange_token", { mode: "number" }),
    name: text("name"),
    /** EQ, FUT, CE, PE as Kite lists them. */
    instrumentType: text("instrument_type"),
    /** Kite's segment: NSE, BSE, INDICES, NFO-FUT, NFO-OPT, BFO-OPT, … */
    segment: text("segment"),
    expiry: day("expiry"),
    strike: float("strike"),
    tickSize: float("tick_size"),
    lotSize: integer("lot_size"),
    /** When the instrument list these facts come from was fetched (its group's `last_updated`, IST). */
    listUpdatedAt: instant("list_updated_at"),
  },
  // The bar-store API accepts the Kite trading symbol (`M&M`) where the list was imported.
  (t) => [primaryKey({ columns: [t.ticker, t.region] }), index("kite_instruments_trading_symbol_idx").on(t.region, t.tradingSymbol)],
);

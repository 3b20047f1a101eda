/**
 * kite_app's instruments in the platform: `(exchange, symbol)` ↔ `(ticker, region)`, one rule both ways.
 *
 * - region = the Kite exchange: NSE, BSE (equities and indices), NFO, BFO (futures and options);
 * - ticker = the symbol as kite_app's HDF5 path names it: the Kite trading symbol upper-cased with
 *   `&`, `-` and space replaced by `_` (`M&M` → `M_M`, `NIFTY 50` → `NIFTY_50`; `pathSymbol()`).
 * Back: exchange = region, symbol = ticker. The same symbol on NSE and BSE is two instruments with
 * their own prices and never collides, and contracts stay out of equity cross-sections (regions of
 * their own, as crypto has CRYPTO). The path symbol is the key because it is all an expired contract
 * leaves behind (instruments.h5 lists live ones only) and what an export writes back; the trading
 * symbol itself cannot be recovered from it and is kept in `kite_instruments` where the list gave it,
 * as `tickers.exchange` keeps the exchange.
 */
import { PlatformError } from "../errors.ts";

export const KITE_EXCHANGES = ["NSE", "BSE", "NFO", "BFO"] as const;
export type KiteExchange = (typeof KITE_EXCHANGES)[number];

/** kite_app keeps one file per segment: EQUITY.h5 (NSE, BSE) and DERIVATIVES.h5 (NFO, BFO). */
export type KiteSegment = "EQUITY" | "DERIVATIVES";
export const SEGMENT_OF: Readonly<Record<KiteExchange, KiteSegment>> = { NSE: "EQUITY", BSE: "EQUITY", NFO: "DERIVATIVES", BFO: "DERIVATIVES" };

/** Currency of every kite_app instrument (Indian exchanges). */
export const KITE_CURRENCY = "INR";

export function isKiteExchange(name: string): name is KiteExchange {
  return (KITE_EXCHANGES as readonly string[]).includes(name);
}

/** A Kite trading symbol as kite_app's HDF5 path writes it (also idempotent on a path symbol). */
export function pathSymbol(tradingSymbol: string): string {
  return tradingSymbol.toUpperCase().replace(/[&\- ]/g, "_");
}

export function instrumentOf(exchange: KiteExchange, symbol: string): { ticker: string; region: string } {
  return { ticker: symbol, region: exchange };
}

export function kiteSymbolOf(ticker: string, region: string): { exchange: KiteExchange; symbol: string } {
  if (!isKiteExchange(region)) {
    throw new PlatformError("not-kite", `${ticker} (${region}) is not a kite_app instrument: its region is not a Kite exchange (${KITE_EXCHANGES.join(", ")})`);
  }
  return { exchange: region, symbol: ticker };
}

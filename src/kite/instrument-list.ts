/**
 * Kite Connect's instrument list (the CSV kite_app keeps in instruments.h5, one per exchange), header
 * `instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,
 * instrument_type,segment,exchange`, RFC 4180 quoting (`"JAMMU & KASHMIR BANK, LTD."`).
 *
 * Each row is read as Kite writes it: empty cells are null, numbers are numbers, `expiry` a date.
 * A row that does not read (a missing token or trading symbol, a malformed number or date) is
 * skipped and counted: the list only adds names and contract facts, and an instrument without them
 * still loads with what its HDF5 path tells.
 */
import { parse } from "csv-parse/sync";
import { InputError } from "../errors.ts";
import { isIsoDate } from "../util/dates.ts";
import { pathSymbol } from "./instruments.ts";

export const INSTRUMENT_LIST_COLUMNS = [
  "instrument_token", "exchange_token", "tradingsymbol", "name", "last_price", "expiry", "strike", "tick_size", "lot_size", "instrument_type", "segment", "exchange",
] as const;

export interface KiteListing {
  instrumentToken: number;
  exchangeToken: number | null;
  tradingSymbol: string;
  /** The symbol kite_app's HDF5 paths use for it (instruments.ts). */
  symbol: string;
  name: string | null;
  expiry: string | null;
  strike: number | null;
  tickSize: number | null;
  lotSize: number | null;
  instrumentType: string | null;
  segment: string | null;
  exchange: string;
}

const text = (cell: string | undefined) => (cell === undefined || cell.trim() === "" ? null : cell);

function number(cell: string | undefined): number | null {
  const t = text(cell);
  if (t === null) return null;
  const n = Number(t);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${t}`);
  return n;
}

function listing(row: Record<string, string>): KiteListing {
  const token = number(row.instrument_token);
  const tradingSymbol = text(row.tradingsymbol);
  const exchange = text(row.exchange);
  if (token === null || tradingSymbol === null || exchange === null) throw new Error("missing token, trading symbol or exchange");
  const expiry = text(row.expiry);
  if (expiry !== null && !isIsoDate(expiry)) throw new Error(`expiry ${expiry} is not a date`);
  return {
    instrumentToken: token,
    exchangeToken: number(row.exchange_token),
    tradingSymbol,
    symbol: pathSymbol(tradingSymbol),
    name: text(row.name),
    expiry,
    strike: number(row.strike),
    tickSize: number(row.tick_size),
    lotSize: number(row.lot_size),
    instrumentType: text(row.instrument_type),
    segment: text(row.segment),
    exchange,
  };
}

/**
 * The listings of one exchange's CSV text, and how many rows were skipped; an InputError naming
 * `where` when the text is not CSV or lacks one of Kite's columns.
 */
export function parseInstrumentList(csv: string, where: string): { listings: KiteListing[]; skipped: number } {
  let rows: Record<string, string>[];
  try {
    rows = parse(csv, { columns: true, skip_empty_lines: true, relax_column_count: true });
  } catch (err) {
    throw new InputError(`${where} is not valid CSV (${(err as Error).message})`);
  }
  const header = rows.length > 0 ? Object.keys(rows[0]) : (csv.split("\n")[0] ?? "").split(",");
  const missing = INSTRUMENT_LIST_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new InputError(`${where} lacks Kite's instrument list column(s) ${missing.join(", ")}`);
  const listings: KiteListing[] = [];
  let skipped = 0;
  for (const row of rows) {
    try {
      listings.push(listing(row));
    } catch {
      skipped++;
    }
  }
  return { listings, skipped };
}

/** The platform's asset type (`tickers.asset_type`) of a listing. */
export function assetTypeOf(l: KiteListing): string | null {
  if (l.segment === "INDICES") return "INDEX";
  switch (l.instrumentType) {
    case "EQ":
      return "STOCK";
    case "FUT":
      return "FUTURE";
    case "CE":
    case "PE":
      return "OPTION";
    default:
      return l.instrumentType;
  }
}

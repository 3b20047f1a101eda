/**
 * A `prices.csv` line as a `tick_prices` row: `timestamp,price,volume,quote_volume`, one trade.
 *
 * The timestamp is epoch seconds (timestamps.ts); numbers are strictly decimal (core/values.ts: `nan`,
 * `1.2.3` or any other text is rejected); the price must be positive (`0` is how the collector wrote a
 * missing price: nothing to store); a volume or quote volume of `0` is missing and stored as NULL,
 * a negative one rejected. `seq` is the line number, so trades with the same timestamp are all kept.
 */
import { nonNegative, reject, requiredNumber } from "../core/values.ts";
import type { NewTickPrice } from "../../schema/index.ts";
import { timestampValue } from "../../util/instants.ts";
import { epochMicros } from "./timestamps.ts";

export const PRICES_HEADER = ["timestamp", "price", "volume", "quote_volume"] as const;

/** A volume as stored: NULL for the collector's `0` (missing). */
function optionalAmount(text: string, column: string): number | null {
  const n = nonNegative(requiredNumber(text, column), column);
  return n === 0 ? null : n;
}

/** A row for the bulk path: `ts` as timestamps.ts gives it (a Date for whole milliseconds, else exact timestamp text). */
export type TickPriceRow = Omit<NewTickPrice, "ts"> & { ts: Date | string };

export function priceRow(sessionId: string, symbol: string, cells: readonly string[], line: number): TickPriceRow {
  if (cells.length !== 4) reject(`expected 4 cells as in the header, found ${cells.length}`);
  const ts = timestampValue(epochMicros(cells[0], "timestamp"));
  const price = requiredNumber(cells[1], "price");
  if (!(price > 0)) reject(`price: non-positive value ${price}`);
  return { sessionId, symbol, ts, seq: line, price, volume: optionalAmount(cells[2], "volume"), quoteVolume: optionalAmount(cells[3], "quote_volume") };
}

/**
 * An `orderbook.csv` line as a `tick_orderbook` row: `timestamp`, then price and quantity of 3 bid
 * and 3 ask levels (best first), then `best_bid,best_ask,spread`.
 *
 * A level written `0,0` is missing: a NULL element, and missing levels after the last present one are
 * left off, so each side's arrays hold its levels as deep as they go. A quantity at a price of 0, a
 * negative number or text in any number (the last three columns included) rejects the row. Best bid,
 * best ask and spread are checked as numbers and not stored: they are the first levels and their
 * difference, computed on read.
 */
import { nonNegative, reject, requiredNumber } from "../core/values.ts";
import type { NewTickOrderbookSnapshot } from "../../schema/index.ts";
import { timestampValue } from "../../util/instants.ts";
import { epochMicros } from "./timestamps.ts";

const LEVELS = 3;
const sideColumns = (side: string) => Array.from({ length: LEVELS }, (_, i) => [`${side}_price_${i + 1}`, `${side}_qty_${i + 1}`]).flat();

export const ORDERBOOK_HEADER = ["timestamp", ...sideColumns("bid"), ...sideColumns("ask"), "best_bid", "best_ask", "spread"] as const;

/** A row for the bulk path: `ts` as timestamps.ts gives it (see prices.ts). */
export type TickOrderbookRow = Omit<NewTickOrderbookSnapshot, "ts"> & { ts: Date | string };

/** One side's levels from the cells at `first`: prices and quantities, missing levels NULL, trailing ones left off. */
function side(cells: readonly string[], first: number): { prices: (number | null)[]; qtys: (number | null)[] } {
  const prices: (number | null)[] = [];
  const qtys: (number | null)[] = [];
  let depth = 0;
  for (let level = 0; level < LEVELS; level++) {
    const at = first + 2 * level;
    const price = nonNegative(requiredNumber(cells[at], ORDERBOOK_HEADER[at]), ORDERBOOK_HEADER[at]);
    const qty = nonNegative(requiredNumber(cells[at + 1], ORDERBOOK_HEADER[at + 1]), ORDERBOOK_HEADER[at + 1]);
    if (price === 0 && qty !== 0) reject(`${ORDERBOOK_HEADER[at + 1]}: quantity ${qty} at a missing price (${ORDERBOOK_HEADER[at]} 0)`);
    prices.push(price === 0 ? null : price);
    qtys.push(price === 0 ? null : qty);
    if (price !== 0) depth = level + 1;
  }
  prices.length = depth;
  qtys.length = depth;
  return { prices, qtys };
}

export function orderbookRow(sessionId: string, symbol: string, cells: readonly string[], line: number): TickOrderbookRow {
  if (cells.length !== ORDERBOOK_HEADER.length) reject(`expected ${ORDERBOOK_HEADER.length} cells as in the header, found ${cells.length}`);
  const ts = timestampValue(epochMicros(cells[0], "timestamp"));
  const bids = side(cells, 1);
  const asks = side(cells, 1 + 2 * LEVELS);
  for (let at = 1 + 4 * LEVELS; at < ORDERBOOK_HEADER.length; at++) requiredNumber(cells[at], ORDERBOOK_HEADER[at]);
  return { sessionId, symbol, ts, seq: line, bidPrices: bids.prices, bidQtys: bids.qtys, askPrices: asks.prices, askQtys: asks.qtys };
}

/**
 * One session symbol's trades or order-book snapshots read into the columns the tick-window kernels
 * take (tick-columns.ts), in (ts, seq) order, through the replay's batched reader (src/replay/streams.ts:
 * keyset pages read as binary COPY, the next requested while one is taken in).
 */
import type { Queryable } from "../db/index.ts";
import { TickStream, type Batch } from "../replay/streams.ts";
import type { ReplayKind } from "../replay/types.ts";
import type { BookColumns, TradeColumns } from "./tick-columns.ts";

const BATCH = 100_000;
/** Every instant a real session holds (1970 … 2255). */
const ALL_TIME = { from: 0, to: Number.MAX_SAFE_INTEGER };

async function readBatches(database: Queryable, sessionId: string, symbol: string, kind: ReplayKind): Promise<{ batches: Batch[]; rows: number }> {
  const stream = new TickStream(database, sessionId, symbol, kind, ALL_TIME, BATCH);
  const batches: Batch[] = [];
  let rows = 0;
  while (await stream.advance()) {
    const batch = stream.batch!;
    batches.push(batch);
    rows += batch.length;
    stream.at = batch.length;
  }
  return { batches, rows };
}

export async function readTradeColumns(database: Queryable, sessionId: string, symbol: string): Promise<TradeColumns> {
  const { batches, rows } = await readBatches(database, sessionId, symbol, "price");
  const trades: TradeColumns = { ts: new Float64Array(rows), price: new Float64Array(rows), volume: new Float64Array(rows) };
  let at = 0;
  for (const batch of batches) {
    for (const column of ["ts", "price", "volume"] as const) trades[column].set(batch[column].subarray(0, batch.length), at);
    at += batch.length;
  }
  return trades;
}

export async function readBookColumns(database: Queryable, sessionId: string, symbol: string): Promise<BookColumns> {
  const { batches, rows } = await readBatches(database, sessionId, symbol, "orderbook");
  let depth = 0;
  for (const batch of batches) for (let i = 0; i < 4 * batch.length; i++) depth = Math.max(depth, batch.bounds[i + 1] - batch.bounds[i]);
  const ts = new Float64Array(rows);
  const sides = Array.from({ length: 4 }, () => new Float64Array(rows * depth).fill(NaN));
  let row = 0;
  for (const batch of batches) {
    for (let i = 0; i < batch.length; i++, row++) {
      ts[row] = batch.ts[i];
      // A batch's row i holds bid prices, bid quantities, ask prices and ask quantities in turn.
      for (let side = 0; side < 4; side++) sides[side].set(batch.levels.subarray(batch.bounds[4 * i + side], batch.bounds[4 * i + side + 1]), row * depth);
    }
  }
  const [bidPrices, bidQtys, askPrices, askQtys] = sides;
  return { ts, depth, bidPrices, bidQtys, askPrices, askQtys };
}

/**
 * Making the event of a batch row: one function per kind, so each builds objects of one shape. An
 * event owns its fields (level arrays are copied out of the batch), so a consumer may keep it.
 */
import type { Batch } from "./streams.ts";
import type { BookEvent, PriceEvent } from "./types.ts";

const orNull = (v: number) => (v === v ? v : null);

export function priceEvent(symbol: string, batch: Batch, i: number): PriceEvent {
  return { kind: "price", symbol, ts: batch.ts[i], seq: batch.seq[i], price: batch.price[i], volume: orNull(batch.volume[i]), quoteVolume: orNull(batch.quoteVolume[i]) };
}

function levels(values: Float64Array, from: number, to: number): number[] {
  const out = new Array<number>(to - from);
  for (let k = from; k < to; k++) out[k - from] = values[k];
  return out;
}

export function bookEvent(symbol: string, batch: Batch, i: number): BookEvent {
  const { levels: v, bounds: b } = batch;
  const at = 4 * i;
  return {
    kind: "orderbook",
    symbol,
    ts: batch.ts[i],
    seq: batch.seq[i],
    bidPrices: levels(v, b[at], b[at + 1]),
    bidQtys: levels(v, b[at + 1], b[at + 2]),
    askPrices: levels(v, b[at + 2], b[at + 3]),
    askQtys: levels(v, b[at + 3], b[at + 4]),
  };
}

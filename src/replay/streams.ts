/**
 * One (symbol, kind) of a session read in (ts, seq) order, batch by batch: each batch is a keyset
 * page `(ts, seq) > last key` within the replay's bounds, read as one binary COPY and decoded into
 * columns as its chunks arrive; the next batch is requested as soon as one arrives, so the database reads it while the
 * merge consumes this one.
 */
import { type BinaryCopyReader, BinaryCopyRows } from "../db/copy-out.ts";
import type { Queryable } from "../db/index.ts";
import type { ReplayKind } from "./types.ts";

const instantOf = (param: string) => `(TIMESTAMPTZ 'epoch' + ${param}::int8 * INTERVAL '1 microsecond')`;

const SELECTS: Record<ReplayKind, string> = {
  price: "SELECT ts, seq, price, volume, quote_volume FROM tick_prices",
  orderbook: "SELECT ts, seq, bid_prices, bid_qtys, ask_prices, ask_qtys FROM tick_orderbook",
};

/**
 * A decoded batch: row i's fields at index i of each column. Order-book levels are kept flat, in
 * large arrays the garbage collector need not trace one by one (a batch outlives many young
 * collections); an event gets its own small arrays when it is made (events.ts).
 */
export interface Batch {
  length: number;
  ts: Float64Array;
  seq: Int32Array;
  /** price: price, volume, quote volume (NaN for none). */
  price: Float64Array;
  volume: Float64Array;
  quoteVolume: Float64Array;
  /** orderbook: each row's bid prices, bid quantities, ask prices and ask quantities, one after another. */
  levels: Float64Array;
  /** orderbook: row i's four arrays are levels[bounds[4i] … bounds[4i + 1]), …, [bounds[4i + 3] … bounds[4i + 4]). */
  bounds: Int32Array;
}

const EMPTY = new Float64Array(0);

function emptyBatch(kind: ReplayKind, capacity: number): Batch {
  const prices = kind === "price";
  return {
    length: 0,
    ts: new Float64Array(capacity),
    seq: new Int32Array(capacity),
    price: prices ? new Float64Array(capacity) : EMPTY,
    volume: prices ? new Float64Array(capacity) : EMPTY,
    quoteVolume: prices ? new Float64Array(capacity) : EMPTY,
    levels: prices ? EMPTY : new Float64Array(capacity * 12),
    bounds: prices ? new Int32Array(0) : new Int32Array(capacity * 4 + 1),
  };
}

/** Append the reader's rows to `batch`. */
function decodeInto(kind: ReplayKind, batch: Batch, reader: BinaryCopyReader): void {
  const prices = kind === "price";
  let i = batch.length;
  let filled = prices ? 0 : batch.bounds[4 * i];
  while (reader.nextRow()) {
    batch.ts[i] = reader.epochMicros();
    batch.seq[i] = reader.int4();
    if (prices) {
      batch.price[i] = reader.float8();
      batch.volume[i] = reader.float8();
      batch.quoteVolume[i] = reader.float8();
    } else {
      for (let side = 0; side < 4; side++) {
        const values = reader.float8Array();
        if (filled + values.length > batch.levels.length) {
          const bigger = new Float64Array(Math.max(2 * batch.levels.length, filled + values.length));
          bigger.set(batch.levels.subarray(0, filled));
          batch.levels = bigger;
        }
        batch.levels.set(values, filled);
        batch.bounds[4 * i + side] = filled;
        filled += values.length;
      }
      batch.bounds[4 * i + 4] = filled;
    }
    i++;
  }
  batch.length = i;
}

export interface StreamBounds {
  /** Inclusive, epoch micros. */
  from: number;
  to: number;
}

export class TickStream {
  /** The batch being consumed and the position of its next row. */
  batch: Batch | null = null;
  at = 0;
  private next: Promise<Batch> | null;

  constructor(
    private readonly database: Queryable,
    private readonly sessionId: string,
    readonly symbol: string,
    readonly kind: ReplayKind,
    private readonly bounds: StreamBounds,
    private readonly batchSize: number,
  ) {
    this.next = this.read(bounds.from, -2_147_483_648);
  }

  /** The batch after (afterTs, afterSeq); a failure surfaces when it is awaited, not as an unhandled rejection if the replay stops first. */
  private read(afterTs: number, afterSeq: number): Promise<Batch> {
    const batch = this.readBatch(afterTs, afterSeq);
    batch.catch(() => undefined);
    return batch;
  }

  private async readBatch(afterTs: number, afterSeq: number): Promise<Batch> {
    const batch = emptyBatch(this.kind, this.batchSize);
    const rows = new BinaryCopyRows((reader) => decodeInto(this.kind, batch, reader));
    await this.database.copyToChunks(
      `${SELECTS[this.kind]} WHERE session_id = $1 AND symbol = $2
         AND (ts, seq) > (${instantOf("$3")}, $4::int4) AND ts <= ${instantOf("$5")}
       ORDER BY ts, seq LIMIT $6::int8`,
      [this.sessionId, this.symbol, afterTs, afterSeq, this.bounds.to, this.batchSize],
      {},
      (chunk) => rows.push(chunk),
    );
    rows.finish();
    return batch;
  }

  /**
   * Make the next row current: false when the stream is done. The first row is included inclusively
   * (`ts >= from`) because no real seq is below int4's minimum.
   */
  async advance(): Promise<boolean> {
    if (this.batch !== null && this.at < this.batch.length) return true;
    if (this.next === null) return false;
    const batch = await this.next;
    this.batch = batch;
    this.at = 0;
    const full = batch.length === this.batchSize;
    this.next = full ? this.read(batch.ts[batch.length - 1], batch.seq[batch.length - 1]) : null;
    return batch.length > 0;
  }
}

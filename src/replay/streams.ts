/**
 * One (symbol, kind) of a session read in (ts, seq) order, batch by batch: each batch is a keyset
 * page `(ts, seq) > last key` within the replay's bounds, read as one binary COPY and decoded into
 * columns; the next batch is requested as soon as one arrives, so the database reads it while the
 * merge consumes this one.
 */
import { BinaryCopyReader } from "../db/copy-out.ts";
import type { Queryable } from "../db/index.ts";
import type { ReplayKind } from "./types.ts";

const instantOf = (param: string) => `(TIMESTAMPTZ 'epoch' + ${param}::int8 * INTERVAL '1 microsecond')`;

const SELECTS: Record<ReplayKind, string> = {
  price: "SELECT ts, seq, price, volume, quote_volume FROM tick_prices",
  orderbook: "SELECT ts, seq, bid_prices, bid_qtys, ask_prices, ask_qtys FROM tick_orderbook",
};

/** A decoded batch: row i's fields at index i of each column. */
export interface Batch {
  length: number;
  ts: Float64Array;
  seq: Int32Array;
  /** price: price, volume, quote volume (NaN for none). */
  price: Float64Array;
  volume: Float64Array;
  quoteVolume: Float64Array;
  /** orderbook: each row's four level arrays. */
  books: Float64Array[][];
}

function decode(kind: ReplayKind, bytes: Buffer, capacity: number): Batch {
  const reader = new BinaryCopyReader(bytes);
  const batch: Batch = {
    length: 0,
    ts: new Float64Array(capacity),
    seq: new Int32Array(capacity),
    price: kind === "price" ? new Float64Array(capacity) : new Float64Array(0),
    volume: kind === "price" ? new Float64Array(capacity) : new Float64Array(0),
    quoteVolume: kind === "price" ? new Float64Array(capacity) : new Float64Array(0),
    books: [],
  };
  let i = 0;
  while (reader.nextRow()) {
    batch.ts[i] = reader.epochMicros();
    batch.seq[i] = reader.int4();
    if (kind === "price") {
      batch.price[i] = reader.float8();
      batch.volume[i] = reader.float8();
      batch.quoteVolume[i] = reader.float8();
    } else {
      batch.books.push([reader.float8Array(), reader.float8Array(), reader.float8Array(), reader.float8Array()]);
    }
    i++;
  }
  batch.length = i;
  return batch;
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
    const bytes = await this.database.copyTo(
      `${SELECTS[this.kind]} WHERE session_id = $1 AND symbol = $2
         AND (ts, seq) > (${instantOf("$3")}, $4::int4) AND ts <= ${instantOf("$5")}
       ORDER BY ts, seq LIMIT $6::int8`,
      [this.sessionId, this.symbol, afterTs, afterSeq, this.bounds.to, this.batchSize],
    );
    return decode(this.kind, bytes, this.batchSize);
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

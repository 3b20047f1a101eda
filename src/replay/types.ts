/**
 * What a replay yields: a session's price ticks and order-book snapshots as events, merged by time.
 *
 * `ts` is the event's instant in epoch microseconds (src/util/instants.ts), `seq` its line in the
 * source file. Order-book levels are best first as parallel arrays; a missing level is NaN, and a
 * side with no levels is empty.
 */

export interface PriceEvent {
  readonly kind: "price";
  readonly symbol: string;
  readonly ts: number;
  readonly seq: number;
  readonly price: number;
  /** null where the source had none. */
  readonly volume: number | null;
  readonly quoteVolume: number | null;
}

export interface BookEvent {
  readonly kind: "orderbook";
  readonly symbol: string;
  readonly ts: number;
  readonly seq: number;
  readonly bidPrices: readonly number[];
  readonly bidQtys: readonly number[];
  readonly askPrices: readonly number[];
  readonly askQtys: readonly number[];
}

export type ReplayEvent = PriceEvent | BookEvent;
export type ReplayKind = ReplayEvent["kind"];

/** Kinds in their tie order: at one instant and symbol, a trade comes before a book snapshot. */
export const REPLAY_KINDS = ["price", "orderbook"] as const satisfies readonly ReplayKind[];

export interface ReplayProgress {
  /** Events yielded so far. */
  emitted: number;
  /** Events the replay will yield in all (counted when it starts). */
  total: number;
  /** The last yielded event's instant (epoch micros), null before the first. */
  ts: number | null;
  /** emitted ÷ total (1 for an empty replay once done). */
  fraction: number;
}

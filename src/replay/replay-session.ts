/**
 * `replaySession(database, sessionId, options)`: a stored session's price ticks and order-book
 * snapshots of all chosen symbols as one async iterable, merged by time.
 *
 * Order: by `ts`; ties by symbol (name order), then kind (a trade before a book snapshot), then
 * `seq` (the source line). The original played symbols one after another and never replayed books.
 * Bounds: `from` and `to` are inclusive instants (ISO 8601 with a zone, or a Date); default the whole
 * session. Pacing: with `acceleration` a the event at ts is yielded (ts − first ts) / a after the
 * first (pacing.ts); without it (or Infinity) as fast as it can be read. Reading: each (symbol, kind)
 * is read `batchSize` rows at a time (streams.ts), the next batch requested while the current one is
 * merged. Progress: `replay.progress` at any time, and `onProgress` every `progressEvery` events and
 * once at the end; the total is counted when iteration starts.
 *
 * Iterating starts a fresh replay each time. Each event is a new object the consumer may keep. A
 * session deleted or re-imported while it is replayed may be seen partly (each batch is its own read).
 */
import type { Queryable } from "../db/index.ts";
import { InputError } from "../errors.ts";
import { dateMicros, parseInstant } from "../util/instants.ts";
import { bookEvent, priceEvent } from "./events.ts";
import { Pacer, systemClock, type ReplayClock } from "./pacing.ts";
import { StreamHeap } from "./stream-heap.ts";
import { TickStream, type StreamBounds } from "./streams.ts";
import { REPLAY_KINDS, type ReplayEvent, type ReplayKind, type ReplayProgress } from "./types.ts";

export interface ReplayOptions {
  /** Default: every symbol of the session. */
  symbols?: readonly string[];
  /** Default: both. */
  kinds?: readonly ReplayKind[];
  from?: string | Date;
  to?: string | Date;
  /** Speed-up over real time (10 = ten times faster); default unpaced. */
  acceleration?: number;
  /**
   * Rows read at a time per symbol and kind. Default: 50,000, less when many symbols are played:
   * the streams (one per symbol and kind) share 400,000 rows a batch, at least 1,000 each, and each
   * holds its batch and the next.
   */
  batchSize?: number;
  onProgress?: (progress: ReplayProgress) => void;
  /** Default: batchSize as given, else 50,000. */
  progressEvery?: number;
  /** For paced replays; default the system clock. */
  clock?: ReplayClock;
}

/** 50,000 rather than 10,000: 0.86–0.90 s against 0.94–1.08 s for 1,000,000 events on the server (perf/replay.bench.ts). */
const DEFAULT_BATCH = 50_000;
/** The default batch shrinks to keep streams × batch within this (100 symbols × 2 kinds: 2,000 rows). */
const BATCHED_ROWS = 400_000;
const MIN_DEFAULT_BATCH = 1_000;
/** Within 1970 … 2255 (2^53 µs): every instant the tables can hold from real sessions. */
const ALL_TIME: StreamBounds = { from: 0, to: Number.MAX_SAFE_INTEGER };

function instantOption(value: string | Date | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const micros = value instanceof Date ? dateMicros(value) : parseInstant(value);
  if (micros === undefined || Number.isNaN(micros)) {
    throw new InputError(`replay ${name} must be an instant (ISO 8601 with a zone, e.g. 2025-10-07T12:00:00Z, or a Date), got ${String(value)}`);
  }
  return micros;
}

function wholeNumber(value: number | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) throw new InputError(`replay ${name} must be a whole number from ${min} to ${max}, got ${value}`);
  return value;
}

interface Plan {
  bounds: StreamBounds;
  acceleration: number | undefined;
  /** As given; undefined: the default, set per replay by its number of streams. */
  batchSize: number | undefined;
  progressEvery: number;
  kinds: readonly ReplayKind[];
}

function plan(options: ReplayOptions): Plan {
  const from = instantOption(options.from, "from") ?? ALL_TIME.from;
  const to = instantOption(options.to, "to") ?? ALL_TIME.to;
  if (from > to) throw new InputError(`replay from (${String(options.from)}) is after to (${String(options.to)})`);
  const a = options.acceleration;
  if (a !== undefined && !(a > 0)) throw new InputError(`replay acceleration must be a number > 0 (or Infinity: unpaced), got ${a}`);
  const batchSize = options.batchSize === undefined ? undefined : wholeNumber(options.batchSize, "batchSize", 1, 1_000_000, DEFAULT_BATCH);
  const kinds = options.kinds ?? REPLAY_KINDS;
  const unknown = kinds.filter((k) => !REPLAY_KINDS.includes(k));
  if (kinds.length === 0 || unknown.length > 0) throw new InputError(`replay kinds must be some of ${REPLAY_KINDS.join(", ")}, got ${JSON.stringify(kinds)}`);
  return {
    bounds: { from, to },
    acceleration: a === undefined || a === Number.POSITIVE_INFINITY ? undefined : a,
    batchSize,
    progressEvery: wholeNumber(options.progressEvery, "progressEvery", 1, Number.MAX_SAFE_INTEGER, batchSize ?? DEFAULT_BATCH),
    kinds,
  };
}

export class Replay implements AsyncIterable<ReplayEvent> {
  private readonly state = { emitted: 0, total: 0, ts: null as number | null, done: false };
  private chosen: readonly string[] = [];
  private readonly plan: Plan;

  constructor(
    private readonly database: Queryable,
    private readonly sessionId: string,
    private readonly options: ReplayOptions,
  ) {
    this.plan = plan(options);
  }

  /** The symbols played, in name order (known once iteration has started). */
  get symbols(): readonly string[] {
    return this.chosen;
  }

  get progress(): ReplayProgress {
    const { emitted, total, ts, done } = this.state;
    return { emitted, total, ts, fraction: total > 0 ? emitted / total : done ? 1 : 0 };
  }

  [Symbol.asyncIterator](): AsyncIterator<ReplayEvent> {
    return this.events();
  }

  /** The chosen symbols, checked against the session's. */
  private async chooseSymbols(): Promise<string[]> {
    const [row] = await this.database.query<{ symbols: string[] }>("SELECT symbols FROM tick_sessions WHERE session_id = $1", [this.sessionId]);
    if (row === undefined) throw new InputError(`session ${this.sessionId} not found`);
    const chosen = [...new Set(this.options.symbols ?? row.symbols)].sort();
    const missing = chosen.filter((s) => !row.symbols.includes(s));
    if (missing.length > 0) throw new InputError(`session ${this.sessionId} has no symbol ${missing.join(", ")} (it has ${row.symbols.join(", ") || "none"})`);
    if (chosen.length === 0) throw new InputError(`replay of session ${this.sessionId} has no symbols to play`);
    return chosen;
  }

  private async count(symbols: readonly string[]): Promise<number> {
    const { from, to } = this.plan.bounds;
    const tables = this.plan.kinds.map((k) => (k === "price" ? "tick_prices" : "tick_orderbook"));
    const counts = tables.map(
      (table) => `(SELECT count(*) FROM ${table} WHERE session_id = $1 AND symbol = ANY($2::text[])
        AND ts >= TIMESTAMPTZ 'epoch' + $3::int8 * INTERVAL '1 microsecond' AND ts <= TIMESTAMPTZ 'epoch' + $4::int8 * INTERVAL '1 microsecond')`,
    );
    const [row] = await this.database.query<{ n: number }>(`SELECT (${counts.join(" + ")})::int8 AS n`, [this.sessionId, symbols, from, to]);
    return row.n;
  }

  private report(): void {
    this.options.onProgress?.(this.progress);
  }

  /** Check the session and symbols, count the events, open the streams and their merge. */
  private async start(): Promise<StreamHeap> {
    const { bounds, kinds } = this.plan;
    const symbols = await this.chooseSymbols();
    this.chosen = symbols;
    Object.assign(this.state, { emitted: 0, total: await this.count(symbols), ts: null, done: false });
    const batchSize = this.plan.batchSize ?? Math.max(MIN_DEFAULT_BATCH, Math.min(DEFAULT_BATCH, Math.floor(BATCHED_ROWS / (symbols.length * kinds.length))));
    // Rank order = (symbol, kind) order: the heap breaks ties on ts by it.
    const streams = symbols.flatMap((symbol) => kinds.map((kind) => new TickStream(this.database, this.sessionId, symbol, kind, bounds, batchSize)));
    const live: number[] = [];
    for (let i = 0; i < streams.length; i++) if (await streams[i].advance()) live.push(i);
    return new StreamHeap(streams, live);
  }

  /**
   * The iterator, written out rather than as an async generator: a generator's `yield` awaits once
   * more per event, a microtask that costs as much as merging the event. Calls that overlap (for-await
   * never makes them) run one after another.
   */
  private events(): AsyncIterator<ReplayEvent> {
    const { progressEvery, acceleration } = this.plan;
    const pacer = acceleration === undefined ? undefined : new Pacer(acceleration, this.options.clock ?? systemClock);
    const state = this.state;
    const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };
    let heap: StreamHeap | undefined;
    let finished = false;
    let busy = false;
    let last: Promise<IteratorResult<ReplayEvent>> = Promise.resolve(DONE);
    let untilReport = progressEvery;

    const step = async (): Promise<IteratorResult<ReplayEvent>> => {
      busy = true;
      try {
        if (finished) return DONE;
        if (heap === undefined) heap = await this.start();
        if (heap.size === 0) {
          finished = true;
          state.done = true;
          this.report();
          return DONE;
        }
        const stream = heap.top();
        const batch = stream.batch!;
        const i = stream.at++;
        const event: ReplayEvent = stream.kind === "price" ? priceEvent(stream.symbol, batch, i) : bookEvent(stream.symbol, batch, i);
        if (stream.at < batch.length || (await stream.advance())) heap.topChanged();
        else heap.popTop();
        if (pacer !== undefined) await pacer.until(event.ts);
        state.emitted++;
        state.ts = event.ts;
        if (--untilReport === 0) {
          untilReport = progressEvery;
          this.report();
        }
        return { value: event, done: false };
      } finally {
        busy = false;
      }
    };

    return {
      next: () => (last = busy ? last.then(step, step) : step()),
      return: async () => {
        finished = true;
        return DONE;
      },
    };
  }
}

/** A replay of `sessionId` (see the header); options are checked now, the session when iteration starts. */
export function replaySession(database: Queryable, sessionId: string, options: ReplayOptions = {}): Replay {
  return new Replay(database, sessionId, options);
}
